package io.nowserving.desktop.common;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** Finds the stylesheets of a screen: the shared {@code common.css}, then the screen's own, beside its class. */
public final class Stylesheets {
    private Stylesheets() {
    }

    /** URLs for {@code Scene.getStylesheets()}: common.css, then {@code cssName} next to {@code owner}. */
    public static List<String> of(Class<?> owner, String cssName) {
        List<String> urls = new ArrayList<>();
        urls.add(find(Stylesheets.class, "common.css"));
        urls.add(find(owner, cssName));
        return urls;
    }

    private static String find(Class<?> owner, String name) {
        URL u = owner.getResource(name);
        if (u == null) {
            throw new IllegalStateException("missing stylesheet " + name + " beside " + owner.getName());
        }
        return u.toExternalForm();
    }
}

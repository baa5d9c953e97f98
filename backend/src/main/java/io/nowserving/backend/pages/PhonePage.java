package io.nowserving.backend.pages;

import io.nowserving.backend.web.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * One phone page: its HTML template with the shared stylesheet and its scripts inlined, and the Content Security
 * Policy that admits exactly those (by their SHA-256) and nothing from anywhere else. Inlined so the first screen
 * costs one round trip on a slow connection; the page's data goes in a JSON block ({@code {{data}}}) that no
 * browser executes.
 */
final class PhonePage {
    private static final String DATA = "{{data}}";

    private final String head;
    private final String tail;
    private final String policy;

    private PhonePage(String head, String tail, String policy) {
        this.head = head;
        this.tail = tail;
        this.policy = policy;
    }

    /** The template {@code name} with {@code {{style}}} and {@code {{script}}} filled from the given resources. */
    static PhonePage load(String name, String... scripts) {
        String css = resource("phone.css");
        StringBuilder js = new StringBuilder();
        for (String s : scripts) {
            js.append(resource(s));
        }
        String html = resource(name);
        if (!html.contains("{{style}}") || scripts.length > 0 != html.contains("{{script}}")) {
            throw new IllegalStateException(name + " lacks its {{style}} or {{script}} placeholder");
        }
        if (js.toString().toLowerCase(Locale.ROOT).contains("</script") || css.contains("</")) {
            throw new IllegalStateException("an inlined script or stylesheet may not contain '</'");
        }
        html = html.replace("{{style}}", css).replace("{{script}}", js);
        // worker-src: the service worker (PageRoutes#worker) is a file of this origin, not inline code
        String policy = HttpServer.PAGE_POLICY + "; style-src " + hash(css)
                + (scripts.length > 0 ? "; script-src " + hash(js.toString()) + "; worker-src 'self'"
                : "; script-src 'none'");
        int at = html.indexOf(DATA);
        return at < 0 ? new PhonePage(html, "", policy)
                : new PhonePage(html.substring(0, at), html.substring(at + DATA.length()), policy);
    }

    /** The page with {@code json} as its data; {@code <}, {@code >} and {@code &} are escaped so it cannot end its block. */
    String render(String json) {
        return head + json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + tail;
    }

    /** The page as it is (a page without data). */
    String render() {
        return head + tail;
    }

    String policy() {
        return policy;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = PhonePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.nowserving.desktop.display;

import io.nowserving.shared.api.PresenceToken;
import java.net.URI;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The check-in QR code's state: the full presence URL to encode (token in its fragment), the short URL printed
 * beneath (scheme, host and path only), and whether the display is paired at all.
 */
public final class QrState {
    private final StringProperty content = new SimpleStringProperty("");
    private final StringProperty caption = new SimpleStringProperty("");
    private final BooleanProperty paired = new SimpleBooleanProperty(true);

    public void show(PresenceToken token) {
        content.set(token.url());
        caption.set(shortUrl(token.url()));
    }

    public void unpaired() {
        paired.set(false);
        content.set("");
        caption.set("");
    }

    /** Scheme, host (and port) and path: no fragment, so no token, and no query. */
    static String shortUrl(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    public StringProperty content() {
        return content;
    }

    public StringProperty caption() {
        return caption;
    }

    public BooleanProperty paired() {
        return paired;
    }
}

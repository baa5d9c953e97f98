package io.nowserving.desktop.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every visible word of the desktop apps, from bundles in English ({@code messages.properties}) and Traditional
 * Chinese ({@code messages_zh_TW.properties}): one bundle per app package ({@code desktop/counter/messages} …) and
 * {@link #COMMON} for what they share; a test checks each pair has the same keys.
 */
public final class Messages {
    public static final String COMMON = "io.nowserving.desktop.common.messages";
    public static final Locale TRADITIONAL_CHINESE = Locale.TAIWAN;

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(String baseName, Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(baseName, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The shared words for {@code locale}: Traditional Chinese for any Chinese locale, English otherwise. */
    public static Messages of(Locale locale) {
        return of(COMMON, locale);
    }

    /** The words of one bundle ({@code io.nowserving.desktop.counter.messages}, …) for {@code locale}. */
    public static Messages of(String baseName, Locale locale) {
        return new Messages(baseName, supported(locale));
    }

    /** zh-TW for Chinese, English for everything else. */
    public static Locale supported(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? TRADITIONAL_CHINESE : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key}, with {@code args} put in as {@link MessageFormat} does. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no text for " + key, e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** Whether {@code key} has a text. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}

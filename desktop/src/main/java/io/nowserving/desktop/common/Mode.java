package io.nowserving.desktop.common;

import java.util.Locale;

/** What the desktop program shows: the launcher, or one app directly ({@code --mode=}). */
public enum Mode {
    LAUNCHER, COUNTER, DISPLAY, KIOSK, ADMIN;

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromFlag(String value) {
        for (Mode m : values()) {
            if (m.flag().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("--mode must be launcher, counter, display, kiosk or admin, not '" + value
                + "'");
    }
}

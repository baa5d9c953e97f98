package io.nowserving.desktop.admin.config;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The backend's limits on configuration values, checked before anything is sent (backend config.Rules,
 * ServiceConfig, auth.UserService, auth.Passwords, the device route): each check answers the value to send or
 * throws {@link InvalidField}. What depends on the other records (a prefix another service has) is left to the
 * backend, which alone sees the latest configuration.
 */
final class ConfigRules {
    static final int NAME_MAX = 80;
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,3}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private ConfigRules() {
    }

    static String id(String field, String text) {
        String v = required(field, text);
        if (!ID.matcher(v).matches()) {
            throw new InvalidField(field, "id");
        }
        return v;
    }

    /** 1 to 80 characters (code points), not blank, no control characters. */
    static String name(String field, String text) {
        String v = required(field, text);
        if (v.codePointCount(0, v.length()) > NAME_MAX) {
            throw new InvalidField(field, "name", NAME_MAX);
        }
        if (v.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, "control");
        }
        return v;
    }

    static String prefix(String text) {
        String v = required("prefix", text);
        if (!PREFIX.matcher(v).matches()) {
            throw new InvalidField("prefix", "prefix");
        }
        return v;
    }

    /** Empty means no limit (null); otherwise a whole number of at least 1. */
    static Integer capacity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return atLeast("dailyCapacity", whole("dailyCapacity", text.strip()), 1);
    }

    /** Minutes as typed ("10", "1.5") to whole seconds, at least 0. */
    /** "Notify when this many are ahead": empty for the backend's default, else 0 (never) .. 100. */
    static Integer notifyAhead(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int n = atLeast("notifyAhead", whole("notifyAhead", text.strip()), 0);
        if (n > 100) {
            throw new InvalidField("notifyAhead", "atMost", 100);
        }
        return n;
    }

    static int minutesToSeconds(String field, String text) {
        String v = required(field, text).replace(',', '.');
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(v).multiply(SIXTY);
        } catch (NumberFormatException e) {
            throw new InvalidField(field, "number");
        }
        if (seconds.signum() < 0) {
            throw new InvalidField(field, "atLeast", 0);
        }
        try {
            return seconds.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidField(field, "number");
        }
    }

    static String username(String text) {
        String v = required("username", text);
        if (!USERNAME.matcher(v).matches()) {
            throw new InvalidField("username", "username");
        }
        return v;
    }

    static String password(String text) {
        if (text == null || text.codePointCount(0, text.length()) < PASSWORD_MIN) {
            throw new InvalidField("password", "passwordShort", PASSWORD_MIN);
        }
        if (text.length() > PASSWORD_MAX) {
            throw new InvalidField("password", "passwordLong", PASSWORD_MAX);
        }
        return text;
    }

    static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, "required");
        }
        return text.strip();
    }

    private static int whole(String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidField(field, "number");
        }
    }

    private static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new InvalidField(field, "atLeast", min);
        }
        return value;
    }
}

package io.nowserving.backend.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The checks the configuration records share; each failure names its field. */
final class Rules {

    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
    static final int NAME_MAX = 80;

    private Rules() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigValidationException(field, "is required");
        }
        return value;
    }

    static String id(String field, String value) {
        required(field, value);
        if (!ID.matcher(value).matches()) {
            throw new ConfigValidationException(field, "must be 1 to 32 of a-z, 0-9 and '-', was '" + shorten(value) + "'");
        }
        return value;
    }

    /** 1 to 80 characters (code points, so a CJK name counts one per character), not blank, no control characters. */
    static String name(String field, String value) {
        required(field, value);
        int length = value.codePointCount(0, value.length());
        if (value.isBlank() || length > NAME_MAX) {
            throw new ConfigValidationException(field, "must be 1 to " + NAME_MAX + " characters and not blank, was "
                    + length + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new ConfigValidationException(field, "must not contain control characters");
        }
        return value;
    }

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigValidationException(field, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** An immutable copy of {@code values}, each element checked; a null list or element names its field. */
    static <T> List<T> list(String field, List<T> values) {
        required(field, values);
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            copy.add(required(field + "[" + i + "]", values.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }

    static String shorten(String value) {
        String v = Objects.toString(value);
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}

package io.nowserving.backend.config;

/**
 * A configuration value broke a rule. {@link #field()} names it the way the HTTP bodies do
 * ({@code prefix}, {@code openingHours.mon[0]}, {@code services[1].prefix}, {@code counters[0].services[2]}),
 * and {@link #getMessage()} is a plain sentence starting with that name, fit for a problem+json {@code detail}.
 * The HTTP layer maps it to 400 {@code invalid_request}.
 */
public final class ConfigValidationException extends RuntimeException {

    private final String field;

    public ConfigValidationException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

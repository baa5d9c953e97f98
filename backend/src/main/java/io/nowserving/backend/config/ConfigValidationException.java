package io.nowserving.backend.config;

import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;

/**
 * A configuration value broke a rule. {@link #field()} names it the way the HTTP bodies do
 * ({@code prefix}, {@code openingHours.mon[0]}, {@code services[1].prefix}, {@code counters[0].services[2]}),
 * and {@link #getMessage()} is a plain sentence starting with that name, fit for a problem+json {@code detail}.
 * It is a {@link Refusal} with code {@code invalid_request} (400).
 */
public final class ConfigValidationException extends Refusal {

    private final String field;

    public ConfigValidationException(String field, String message) {
        super(ErrorCode.INVALID_REQUEST, field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

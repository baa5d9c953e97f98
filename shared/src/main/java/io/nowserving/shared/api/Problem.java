package io.nowserving.shared.api;

/**
 * An RFC 9457 problem+json body: {@code type} is a stable URI per code, {@code code} the {@link ErrorCode}
 * wire form, {@code detail} a sentence about this occurrence (naming the field for {@code invalid_request}).
 */
public record Problem(String type, String title, int status, String detail, String code) {

    /** The problem for a code, with its standard title, status and type. */
    public static Problem of(ErrorCode code, String detail) {
        return new Problem("https://nowserving.io/problems/" + code.code(), code.title(), code.status(), detail,
                code.code());
    }
}

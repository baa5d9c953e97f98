package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import io.javalin.http.Context;
import io.nowserving.backend.ids.Ids;

/**
 * The Idempotency-Key of a request, scoped to the caller's credential and hashed, with a fingerprint of the
 * request so that the same key with another body is told apart ({@code idempotency_key_reused}). Scripts keep
 * the first answer 24 hours under the key.
 */
public record Idempotency(String keyHash, String fingerprint) {
    public static final String HEADER = "Idempotency-Key";

    /** Reads the header; an empty key hash when there is none (or no credential to scope it to). */
    public static Idempotency of(Context ctx, Caller caller) {
        String key = ctx.header(HEADER);
        if (key == null) {
            return new Idempotency("", "");
        }
        // the key itself (never stored) salts the fingerprint: a body holding a password (user routes) cannot be
        // guessed back from what Redis keeps
        String fingerprint = Ids.sha256(key + "\n" + ctx.method() + " " + ctx.path() + "\n" + ctx.body());
        if (!key.matches("[\\x21-\\x7e]{1,255}")) {
            throw Refusal.invalid("Idempotency-Key must be 1-255 visible ASCII characters");
        }
        if (caller.scope().isEmpty()) {
            return new Idempotency("", fingerprint);
        }
        return new Idempotency(Ids.sha256(caller.scope() + "\n" + key), fingerprint);
    }
}

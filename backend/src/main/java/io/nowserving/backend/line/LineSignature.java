package io.nowserving.backend.line;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** LINE's webhook signature: Base64 of HMAC-SHA256 of the raw body with the channel secret. */
public final class LineSignature {
    private LineSignature() {
    }

    /** The signature LINE sends for {@code body} (tests sign with it too). */
    public static String sign(String channelSecret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(channelSecret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Whether {@code header} is the body's signature; compared in constant time. A missing header is false. */
    public static boolean valid(String channelSecret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(channelSecret.getBytes(StandardCharsets.UTF_8), body));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

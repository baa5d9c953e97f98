package io.nowserving.shared.api;

/**
 * The answer of {@code GET /api/v1/branches/{b}/presence} (display and kiosk devices): a short-lived presence
 * {@code token}, when it expires ({@code expiresAt}, epoch ms), and the take-a-ticket {@code url} to put in the QR
 * code (the token in its fragment).
 */
public record PresenceToken(String token, long expiresAt, String url) {
    /** Never print the token. */
    @Override
    public String toString() {
        return "PresenceToken[expiresAt=" + expiresAt + "]";
    }
}

package io.nowserving.shared.api;

/**
 * A staff session: the bearer {@code token} (shown once), the role ({@code owner}, {@code admin} or
 * {@code clerk}), when it expires unless used ({@code expiresAt}, epoch ms; every use slides it), and whether
 * the password must be changed before anything else is allowed.
 */
public record LoginAnswer(String token, String role, long expiresAt, boolean mustChangePassword) {
    /** Never print the token. */
    @Override
    public String toString() {
        return "LoginAnswer[" + role + "]";
    }
}

package io.nowserving.shared.api;

/** The body of {@code POST /api/v1/auth/login}. */
public record LoginRequest(String username, String password) {
    /** Never print the password. */
    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}

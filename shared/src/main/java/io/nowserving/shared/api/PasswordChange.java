package io.nowserving.shared.api;

/** The body of {@code POST /api/v1/auth/password}: the caller's own password, changed. */
public record PasswordChange(String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChange[]";
    }
}

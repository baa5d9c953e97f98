package io.nowserving.shared.api;

/**
 * A display or kiosk of a branch. {@code token} is present only in the answer that created it (or a replay of that
 * request, with a fresh token): it is shown once and only its hash is kept.
 */
public record Device(String id, String name, String role, String token) {
}

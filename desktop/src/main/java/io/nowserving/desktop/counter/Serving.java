package io.nowserving.desktop.counter;

/**
 * The ticket this counter serves: {@code queuedAt} (0 when unknown) and {@code calledAt} are epoch ms, for the
 * "waited" and "serving for" times.
 */
public record Serving(String ticketId, String number, String service, long queuedAt, long calledAt) {
}

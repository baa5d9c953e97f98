package io.nowserving.shared.api;

/** The body of {@code POST …/counters/{c}/transfer}: the service the current ticket moves to. */
public record TransferRequest(String service) {
}

package io.nowserving.shared.api;

/** An estimated wait as a range in seconds. */
public record WaitEstimate(long minSeconds, long maxSeconds) {
}

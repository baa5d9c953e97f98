package io.nowserving.shared.api;

/** A counter's live state: {@code state} open, paused or closed; {@code serving} the called ticket's number. */
public record CounterView(String id, String name, String state, String serving, String clerk) {
}

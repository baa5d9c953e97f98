package io.nowserving.shared.api;

/** The answer of every counter action; {@code ticket} is null when call-next found nobody waiting. */
public record CounterAction(CounterView counter, Ticket ticket) {
}

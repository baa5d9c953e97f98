package io.nowserving.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The event envelope (version {@code v} = 1). {@code epoch} + {@code seq} order a branch's events without gaps
 * within an epoch; {@code at} and {@code ticket.queuedAt} are epoch milliseconds. Fields that do not apply to a
 * type are null. The private field (token and customer-key hashes) never appears here: it stays in Redis and SQL.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(int v, String epoch, long seq, String type, long at, Actor actor, TicketRef ticket,
                    CounterRef counter, String fromService, EstimateShown estimateShown, ConfigRef config) {

    /** Who caused the event; {@code id} is null for customers and LINE users. */
    public record Actor(String kind, String id) {
    }

    /** The ticket an event is about. */
    public record TicketRef(String id, String number, String service, String language, String channel,
                            boolean priority, long queuedAt) {
    }

    /** The counter an event is about, in its state after the event. */
    public record CounterRef(String id, String state, String clerk) {
    }

    /** The wait estimate the customer was shown when the ticket was issued. */
    public record EstimateShown(long minSeconds, long maxSeconds, int ahead) {
    }

    /** The configuration version a {@code config.changed} event announces. */
    public record ConfigRef(long version) {
    }
}

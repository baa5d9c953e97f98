package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Folds ticket events into a {@link TicketRow}, mirroring what the queue scripts do to the ticket hash in Redis
 * (so recovery can rebuild that hash). Safe against out-of-order delivery (a fenced-out leader's batch claimed
 * late): issue-time fields are set by whichever event carries them, counts add up, and the mutable state follows
 * the event with the highest seq only.
 */
final class TicketProjection {
    private static final long BAND = 1_000_000_000_000L;

    private TicketProjection() {
    }

    static void apply(TicketRow row, StreamEvent ev, BusinessDays days) {
        JsonNode t = ev.envelope().path("ticket");
        Instant at = Instant.ofEpochMilli(ev.atMs());
        if (row.number == null) {
            row.number = text(t, "number");
            row.language = text(t, "language");
            row.channel = text(t, "channel");
            row.priority = t.path("priority").asBoolean(false);
        }
        if (row.issuedAt == null && t.hasNonNull("queuedAt")) {
            row.issuedAt = Instant.ofEpochMilli(t.get("queuedAt").asLong());
        }
        if (row.businessDay == null && row.issuedAt != null && days != null) {
            row.businessDay = days.dayOf(row.issuedAt);
        }
        switch (ev.type()) {
            case "ticket.issued" -> {
                row.originalService = text(t, "service");
                row.queueScore = (row.priority ? 0 : BAND) + ev.seq();
                JsonNode est = ev.envelope().path("estimateShown");
                row.estimateMin = est.hasNonNull("minSeconds") ? est.get("minSeconds").asInt() : null;
                row.estimateMax = est.hasNonNull("maxSeconds") ? est.get("maxSeconds").asInt() : null;
                row.estimateAhead = est.hasNonNull("ahead") ? est.get("ahead").asInt() : null;
            }
            case "ticket.recalled" -> row.recalls++;
            case "ticket.transferred" -> row.transfers++;
            case "ticket.called" -> {
                if (row.firstCalledAt == null || at.isBefore(row.firstCalledAt)) {
                    row.firstCalledAt = at;
                }
            }
            default -> { }
        }
        if (ev.seq() <= row.lastSeq) {
            return;
        }
        row.lastSeq = ev.seq();
        row.service = text(t, "service");
        String counter = ev.counterId();
        switch (ev.type()) {
            case "ticket.issued" -> row.status = "waiting";
            case "ticket.called" -> {
                row.status = "called";
                row.counter = counter;
                row.calledAt = at;
                row.calledBy = text(ev.envelope().path("actor"), "id");
                row.closedAt = null;
            }
            case "ticket.reopened" -> {
                row.status = "called";
                row.counter = counter;
                row.closedAt = null;
            }
            case "ticket.completed", "ticket.no_show", "ticket.cancelled", "ticket.reset" -> {
                row.status = ev.type().substring("ticket.".length());
                row.closedAt = at;
            }
            case "ticket.returned" -> {
                row.status = "waiting";
                row.counter = null;
                row.closedAt = null;
            }
            case "ticket.transferred" -> {
                row.status = "waiting";
                row.counter = null;
            }
            default -> { }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

package io.nowserving.backend.writebehind;

import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code tickets}, as read, changed by {@link TicketProjection} and written back in one batch. */
final class TicketRow {
    final String branch;
    final String id;
    String number;
    String originalService;
    String service;
    LocalDate businessDay;
    String status = "waiting";
    boolean priority;
    String language;
    String channel;
    Long queueScore;
    Instant issuedAt;
    Instant firstCalledAt;
    Instant calledAt;
    Instant closedAt;
    String counter;
    String calledBy;
    Integer estimateMin;
    Integer estimateMax;
    Integer estimateAhead;
    int transfers;
    int recalls;
    long lastSeq;
    /** When the current wait began (issue, transfer, return; null: not waiting), for {@link StatsRollup}. */
    Instant waitSince;
    boolean waitFromIssue;
    /** Whether the row exists in SQL (UPDATE) or is new (INSERT). */
    boolean stored;

    TicketRow(String branch, String id) {
        this.branch = branch;
        this.id = id;
    }
}

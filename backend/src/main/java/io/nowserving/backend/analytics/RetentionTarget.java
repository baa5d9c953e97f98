package io.nowserving.backend.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One kind of personal data that SQL keeps about customers, erased by {@link Retention} once it is older than
 * {@code NOWSERVING_RETENTION_DAYS} business days. A feature that stores contact data (a LINE user id, a phone
 * number, an address) keeps it in a table of its own, keyed by branch and ticket (or with its own time column),
 * and adds a target for it to {@link #BUILT_IN}; nothing else in SQL may hold such data. Erasing must be
 * idempotent, since every instance runs it.
 */
public interface RetentionTarget {

    /** The private hashes of {@code ticket_secrets} (V3): ticket-token and customer-key hashes. */
    RetentionTarget TICKET_SECRETS = RetentionOfRows.ticketSecrets();

    /** Which LINE user holds which ticket ({@code line_tickets}, V5). */
    RetentionTarget LINE_TICKETS = RetentionOfRows.writtenBefore("LINE ticket holders", "line_tickets",
            "created_ms"); // written when the ticket is issued

    /** Every target the backend erases. */
    List<RetentionTarget> BUILT_IN = List.of(TICKET_SECRETS, LINE_TICKETS);

    /** What this target holds, for the log (never any of the data). */
    String name();

    /** The branches that hold any of this data. */
    Set<String> branches(Connection c) throws SQLException;

    /**
     * Erases the branch's data of tickets of business days before {@code keepFrom}, and data not tied to a
     * dated ticket that was written before {@code keepFromInstant} (the start of {@code keepFrom}).
     *
     * @return the number of rows erased
     */
    int erase(Connection c, String branch, LocalDate keepFrom, Instant keepFromInstant) throws SQLException;
}

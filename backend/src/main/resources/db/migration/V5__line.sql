-- V5: the LINE official account (backend.line).
-- * line_tickets: which LINE user holds which ticket. CONTACT DATA (DESIGN.md invariant 6): kept apart from
--   tickets and events, read only by the LINE webhook and the notification sender (and admins' tools), erased by
--   the retention job (analytics.RetentionOfLineTickets) by created_ms. issued_ahead is the number of people
--   ahead when the ticket was issued (the "your turn is near" message is only for those who were further back).
CREATE TABLE line_tickets (
    branch_id    VARCHAR(32)  NOT NULL,
    ticket_id    VARCHAR(26)  NOT NULL,
    service_id   VARCHAR(32)  NOT NULL,
    line_user_id VARCHAR(64)  NOT NULL,
    issued_ahead INTEGER      NOT NULL,
    created_ms   BIGINT       NOT NULL,
    PRIMARY KEY (branch_id, ticket_id)
);
CREATE INDEX line_tickets_user ON line_tickets (branch_id, line_user_id, created_ms);

-- V3: durable history, written behind Redis by the one leaseholder (history.HistoryWriter).
--
-- Portable like V1 (PostgreSQL >= 15 and H2 2.x in PostgreSQL mode): TIMESTAMP WITH TIME ZONE, no RETURNING,
-- no ON CONFLICT DO UPDATE, and unbounded VARCHAR rather than TEXT (TEXT is a CLOB on H2).
--
-- * events: every event of every branch stream exactly once, keyed like the stream (epoch, seq). payload is the
--   envelope JSON exactly as the stream holds it (never the private field), so a second delivery of one key
--   compares byte for byte; a different payload under a stored key is an alarm (history_alarms), never a skip.
--   Seq continues across epochs (DESIGN.md invariant 2), so MAX(seq) of a branch is its committed high mark.
-- * tickets: one row per ticket, projected from its events (TicketProjection). Mutable fields (status, service,
--   counter, called_at, closed_at, called_by) follow the event with the highest seq (last_seq); issue-time
--   fields are set by ticket.issued whatever the order; transfers and recalls are counted. Analytics read it:
--   issued in the hour of issued_at, waits (called_at - issued_at) in the hour of called_at, served / no-shows
--   / service times (closed_at - called_at) in the hour of closed_at, estimate accuracy from estimate_*.
--   queue_score is the line score (band * 10^12 + issuing seq), so recovery rebuilds lines in order.
-- * counter_states: each counter's last known state and clerk, for recovery.
-- * ticket_secrets: token and customer-key hashes (SHA-256 hex). PRIVATE: no feed, report or export reads
--   this table; only recovery does, to rebuild Redis with every phone link working. token_rot_ms/_n is the
--   side-stream id (<ms>-<n>) of the rotation that set token_hash (null: the hash given at issue).
-- * history_alarms: conflicting second rows; one per key, logged once.

CREATE TABLE events (
    branch_id VARCHAR(32)              NOT NULL,
    epoch     VARCHAR(16)              NOT NULL,
    seq       BIGINT                   NOT NULL,
    type      VARCHAR(32)              NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    payload   VARCHAR                  NOT NULL,
    PRIMARY KEY (branch_id, epoch, seq)
);

CREATE INDEX events_branch_seq ON events (branch_id, seq);

CREATE TABLE tickets (
    branch_id            VARCHAR(32)              NOT NULL,
    id                   VARCHAR(26)              NOT NULL,
    number               VARCHAR(16),
    original_service     VARCHAR(32),
    service              VARCHAR(32),
    business_day         DATE,
    status               VARCHAR(16)              NOT NULL,
    priority             BOOLEAN                  NOT NULL,
    language             VARCHAR(35),
    channel              VARCHAR(16),
    queue_score          BIGINT,
    issued_at            TIMESTAMP WITH TIME ZONE,
    first_called_at      TIMESTAMP WITH TIME ZONE,
    called_at            TIMESTAMP WITH TIME ZONE,
    closed_at            TIMESTAMP WITH TIME ZONE,
    counter_id           VARCHAR(32),
    called_by            VARCHAR(64),
    estimate_min_seconds INT,
    estimate_max_seconds INT,
    estimate_ahead       INT,
    transfers            INT                      NOT NULL,
    recalls              INT                      NOT NULL,
    last_seq             BIGINT                   NOT NULL,
    PRIMARY KEY (branch_id, id)
);

CREATE INDEX tickets_branch_day ON tickets (branch_id, business_day);
CREATE INDEX tickets_branch_closed ON tickets (branch_id, closed_at);

CREATE TABLE counter_states (
    branch_id  VARCHAR(32) NOT NULL,
    counter_id VARCHAR(32) NOT NULL,
    state      VARCHAR(16) NOT NULL,
    clerk      VARCHAR(64),
    last_seq   BIGINT      NOT NULL,
    PRIMARY KEY (branch_id, counter_id)
);

CREATE TABLE ticket_secrets (
    branch_id         VARCHAR(32) NOT NULL,
    ticket_id         VARCHAR(26) NOT NULL,
    token_hash        VARCHAR(64) NOT NULL,
    customer_key_hash VARCHAR(64),
    token_rot_ms      BIGINT,
    token_rot_n       BIGINT,
    PRIMARY KEY (branch_id, ticket_id)
);

CREATE TABLE history_alarms (
    branch_id       VARCHAR(32)              NOT NULL,
    epoch           VARCHAR(16)              NOT NULL,
    seq             BIGINT                   NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    stored_payload  VARCHAR                  NOT NULL,
    offered_payload VARCHAR                  NOT NULL,
    raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (branch_id, epoch, seq)
);

-- V7: pre-aggregated statistics (issue 15: the admin's year reports within 2 s), written by the write-behind in
-- the same transaction as the events they count (writebehind.StatsRollup), so the two can never disagree. Portable
-- like V1/V3 (PostgreSQL >= 15 and H2 2.x in PostgreSQL mode). V6 is left to another branch of work.
--
-- * tickets.wait_since / wait_from_issue: when the ticket's current wait began (issue, transfer or return) and
--   whether it began at the issue; a ticket.called ends it (analytics.stats.WaitReplay, carried across batches).
-- * stats_days: per branch, business day (the writer's rule, DayRange's) and row (kind 'branch' with key '',
--   'service', 'counter' or 'clerk' with the id): issues (by issue time, original service), outcomes (by closing
--   time, from the ticket row as projected: a later event that changes the outcome takes the old one back),
--   waits ended by calls (by call time), the estimate accuracy sums, and the events stored that day (branch row).
--   wait_hist / service_hist are exact histograms in whole seconds, 'value:count' separated by spaces, ascending;
--   percentiles and service levels computed from them equal those from the events.
-- * stats_slots: per branch and UTC quarter hour: issues, calls and the sum of their waits (the heatmap; a quarter
--   hour is a whole part of every zone's local hour).
-- * stats_idle: each counter's idle time while people waited over one complete business day, computed once by
--   analytics from the events and kept while the day's event count and the counter links it was computed with
--   still hold.
-- * stats_rollup_state: whether the rows above have been filled from the history written before V7 (the first
--   writer transaction after the migration does it, under the fence).
ALTER TABLE tickets ADD COLUMN wait_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE tickets ADD COLUMN wait_from_issue BOOLEAN;

CREATE TABLE stats_days (
    branch_id       VARCHAR(32) NOT NULL,
    business_day    DATE        NOT NULL,
    kind            VARCHAR(8)  NOT NULL,
    row_key         VARCHAR(64) NOT NULL,
    events          INT         NOT NULL,
    issued          INT         NOT NULL,
    served          INT         NOT NULL,
    no_show         INT         NOT NULL,
    cancelled       INT         NOT NULL,
    reset           INT         NOT NULL,
    calls           INT         NOT NULL,
    estimates       INT         NOT NULL,
    within_estimate INT         NOT NULL,
    seconds_outside BIGINT      NOT NULL,
    wait_hist       VARCHAR     NOT NULL,
    service_hist    VARCHAR     NOT NULL,
    PRIMARY KEY (branch_id, business_day, kind, row_key)
);

CREATE TABLE stats_slots (
    branch_id  VARCHAR(32)              NOT NULL,
    slot_start TIMESTAMP WITH TIME ZONE NOT NULL,
    issued     INT                      NOT NULL,
    calls      INT                      NOT NULL,
    wait_sum   BIGINT                   NOT NULL,
    PRIMARY KEY (branch_id, slot_start)
);

CREATE TABLE stats_idle (
    branch_id    VARCHAR(32)  NOT NULL,
    business_day DATE         NOT NULL,
    counter_id   VARCHAR(32)  NOT NULL,
    links        VARCHAR      NOT NULL,
    events       INT          NOT NULL,
    idle_seconds BIGINT       NOT NULL,
    PRIMARY KEY (branch_id, business_day, counter_id)
);

CREATE TABLE stats_rollup_state (
    id         INT     NOT NULL PRIMARY KEY,
    backfilled BOOLEAN NOT NULL
);
INSERT INTO stats_rollup_state (id, backfilled) VALUES (1, FALSE);

-- stats_heads: each branch's newest stored event (seq, at), kept by the writer in the same transaction: the reports'
-- dataThrough by primary key (H2 cannot read an index backwards for ORDER BY seq DESC LIMIT 1; it scans the branch).
CREATE TABLE stats_heads (
    branch_id VARCHAR(32)              NOT NULL PRIMARY KEY,
    seq       BIGINT                   NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL
);

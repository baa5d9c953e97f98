-- V1: branch configuration (branches, services, counters, which counter serves which service) and the
-- write-behind fence.
--
-- Portable on purpose: runs on PostgreSQL >= 15 and on H2 2.x opened with
-- MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH (see Database). So: no TIMESTAMPTZ,
-- no RETURNING, no ON CONFLICT DO UPDATE, no TEXT (a CLOB on H2), no names reserved in either.
--
-- Storage choices:
-- * branches.opening_hours is JSON text, the form of the HTTP body: {"mon":[["08:30","17:00"]],...,"sun":[]},
--   every day present, a closed day an empty list, "24:00" for the end of the day (OpeningHours.toText()).
-- * branches.closed_days is a JSON array of ISO dates, sorted: ["2026-12-25","2027-01-01"].
--   Both are only ever read and written whole, with the branch, so child tables would buy nothing.
-- * branches.version grows by at least one on every save (ConfigRepository.save) and is never lowered;
--   the Redis mirror ignores anything older than what it holds.
-- * Services, counters and counter_services are replaced as a whole inside the saving transaction
--   (delete + insert), so no other table may reference their rows by foreign key: later tables keep plain
--   branch / service / counter ids, which also outlive a removed service in history.
-- * Names are VARCHAR(200): the rule is 1-80 characters (code points), and H2 counts UTF-16 units.

CREATE TABLE branches (
    id                 VARCHAR(32)  NOT NULL PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    time_zone          VARCHAR(64)  NOT NULL,
    business_day_start TIME         NOT NULL,
    opening_hours      VARCHAR      NOT NULL,
    closed_days        VARCHAR      NOT NULL,
    remote_queueing    BOOLEAN      NOT NULL,
    version            BIGINT       NOT NULL CHECK (version >= 1)
);

CREATE TABLE services (
    branch_id             VARCHAR(32)  NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    id                    VARCHAR(32)  NOT NULL,
    sort_order            INT          NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    prefix                VARCHAR(3)   NOT NULL,
    daily_capacity        INT          CHECK (daily_capacity IS NULL OR daily_capacity >= 1),
    target_wait_seconds   INT          NOT NULL CHECK (target_wait_seconds >= 0),
    no_show_grace_seconds INT          NOT NULL CHECK (no_show_grace_seconds >= 0),
    PRIMARY KEY (branch_id, id),
    CONSTRAINT services_prefix_unique UNIQUE (branch_id, prefix)
);

CREATE TABLE counters (
    branch_id  VARCHAR(32)  NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    id         VARCHAR(32)  NOT NULL,
    sort_order INT          NOT NULL,
    name       VARCHAR(200) NOT NULL,
    PRIMARY KEY (branch_id, id)
);

-- The services a counter calls from, in the counter's order.
CREATE TABLE counter_services (
    branch_id  VARCHAR(32) NOT NULL,
    counter_id VARCHAR(32) NOT NULL,
    service_id VARCHAR(32) NOT NULL,
    sort_order INT         NOT NULL,
    PRIMARY KEY (branch_id, counter_id, service_id),
    FOREIGN KEY (branch_id, counter_id) REFERENCES counters (branch_id, id) ON DELETE CASCADE,
    FOREIGN KEY (branch_id, service_id) REFERENCES services (branch_id, id) ON DELETE CASCADE
);

-- Fencing token of the write-behind leader (DESIGN.md, invariant 4): every write-behind transaction runs
-- UPDATE writer_fence SET token = ? WHERE token <= ? and rolls back when no row changed. Exactly one row.
CREATE TABLE writer_fence (
    id    INT    NOT NULL PRIMARY KEY CHECK (id = 1),
    token BIGINT NOT NULL
);

INSERT INTO writer_fence (id, token) VALUES (1, 0);

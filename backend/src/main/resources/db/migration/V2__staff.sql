-- V2: staff users (owner, admin, clerk), the branches each may work in, and display / kiosk devices.
--
-- Portable like V1 (PostgreSQL >= 15 and H2 in PostgreSQL mode): no TIMESTAMPTZ, no RETURNING, no TEXT.
--
-- * users.id is a ULID made in Java; events carry it as actor.id, so it is never reused.
-- * users.password_hash is the PHC string of Argon2id (parameters included, so a changed cost still verifies
--   old hashes). No password is ever stored in any other form.
-- * user_branches lists the branches of admins and clerks; owners have none (they have all). Plain branch ids
--   without a foreign key, like later tables: removing a branch leaves nobody half-deleted.
-- * devices.token_hash is the SHA-256 (hex) of the device token; the token itself is shown once and never kept.
--   Redis mirrors each device under its hash so that requests are checked without SQL.

CREATE TABLE users (
    id                   VARCHAR(26)  NOT NULL PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(8)   NOT NULL CHECK (role IN ('owner', 'admin', 'clerk')),
    disabled             BOOLEAN      NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_unique UNIQUE (username)
);

CREATE TABLE user_branches (
    user_id   VARCHAR(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    branch_id VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, branch_id)
);

CREATE TABLE devices (
    id         VARCHAR(26)  NOT NULL PRIMARY KEY,
    branch_id  VARCHAR(32)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    role       VARCHAR(8)   NOT NULL CHECK (role IN ('display', 'kiosk')),
    token_hash CHAR(64)     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT devices_token_unique UNIQUE (token_hash)
);

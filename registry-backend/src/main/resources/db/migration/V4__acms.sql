-- ACMS: exchanges of configuration information with partner systems (package org.mcx.backend.acms).
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL, like V1. The three exchange tables know
-- nothing of server identities: a kind of exchange is a name in `kind` and JSON documents in
-- `content` and `response`, so a second kind (R-5.16.4-005) reuses outbox, queue and history.

-- One exchange, as this system sees it: OUTGOING (we asked) or INCOMING (a partner asked us).
-- request_id is globally unique (a UUID made by the asking system).
CREATE TABLE acms_requests (
    request_id        VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind              VARCHAR(40)  NOT NULL,
    direction         VARCHAR(10)  NOT NULL,
    partner_system_id VARCHAR(128) NOT NULL,
    requested_by      VARCHAR(128) NOT NULL,
    content           VARCHAR      NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    response          VARCHAR,
    response_at       BIGINT,
    reason            VARCHAR(2000)
);
CREATE INDEX acms_requests_by_status ON acms_requests (direction, status, created_at);
CREATE INDEX acms_requests_by_partner ON acms_requests (partner_system_id, created_at);

-- The step history (figure 7.x.1.3-1): which step, the status it reached, when and by whom.
-- A step appears once per status, so repeating a message cannot repeat a step.
CREATE TABLE acms_steps (
    request_id VARCHAR(36)  NOT NULL,
    step       INTEGER      NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    at         BIGINT       NOT NULL,
    actor      VARCHAR(200) NOT NULL,
    PRIMARY KEY (request_id, step, status)
);

-- Messages to partners, written in the transaction of the change that makes them; sent in
-- outbox_id order per partner, one at a time, and deleted when the partner answers `stored`.
-- outbox_id is assigned on the single writer thread (MAX + 1), so it follows commit order.
CREATE TABLE acms_outbox (
    outbox_id         BIGINT       NOT NULL PRIMARY KEY,
    partner_system_id VARCHAR(128) NOT NULL,
    request_id        VARCHAR(36)  NOT NULL,
    message_type      VARCHAR(60)  NOT NULL,
    body              VARCHAR      NOT NULL,
    created_at        BIGINT       NOT NULL,
    attempts          INTEGER      DEFAULT 0 NOT NULL,
    last_attempt_at   BIGINT,
    last_error        VARCHAR(500)
);
CREATE INDEX acms_outbox_by_partner ON acms_outbox (partner_system_id, outbox_id);
CREATE INDEX acms_outbox_by_request ON acms_outbox (request_id);

-- This system's server identities: scope '*' is the default set, any other scope an override for
-- one MC service user (ids never contain '*').
CREATE TABLE acms_server_identities (
    scope       VARCHAR(128) NOT NULL,
    server_type VARCHAR(20)  NOT NULL,
    identity    VARCHAR(512) NOT NULL,
    PRIMARY KEY (scope, server_type)
);

-- Which server types a partner may be told (comma-separated); NULL = all.
ALTER TABLE partners ADD COLUMN disclose VARCHAR(200);

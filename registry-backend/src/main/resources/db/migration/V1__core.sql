-- Core schema. Portable between H2 (MODE=PostgreSQL) and PostgreSQL: timestamps are epoch
-- milliseconds (BIGINT), JSON documents are VARCHAR, lists of names are JSON arrays in VARCHAR.

CREATE TABLE events (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    topic      VARCHAR(100) NOT NULL,
    at         BIGINT       NOT NULL,
    data       VARCHAR      NOT NULL
);

CREATE TABLE audit_log (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    at         BIGINT       NOT NULL,
    actor      VARCHAR(200) NOT NULL,
    action     VARCHAR(100) NOT NULL,
    target     VARCHAR(300),
    outcome    VARCHAR(20)  NOT NULL,
    detail     VARCHAR
);

CREATE TABLE users (
    mc_service_id           VARCHAR(128) NOT NULL PRIMARY KEY,
    display_name            VARCHAR(400) NOT NULL,
    roles                   VARCHAR(200) NOT NULL,
    external_access_allowed BOOLEAN      NOT NULL,
    allowed_services        VARCHAR(200) NOT NULL,
    may_migrate             BOOLEAN      NOT NULL,
    password_hash           VARCHAR(300) NOT NULL,
    tokens_revoked_before   BIGINT,
    created_at              BIGINT       NOT NULL,
    updated_at              BIGINT       NOT NULL
);

-- Failed logins are counted per user name whether or not the user exists, so that the answer
-- never tells the two apart.
CREATE TABLE login_failures (
    username   VARCHAR(128) NOT NULL,
    failed_at  BIGINT       NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, failed_at);

CREATE TABLE lockouts (
    username     VARCHAR(128) NOT NULL PRIMARY KEY,
    locked_until BIGINT       NOT NULL
);

CREATE TABLE sessions (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    mc_service_id VARCHAR(128) NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL
);

CREATE TABLE applications (
    application_id VARCHAR(128) NOT NULL PRIMARY KEY,
    name           VARCHAR(400) NOT NULL,
    trusted_domain BOOLEAN      NOT NULL,
    secret_hash    VARCHAR(64)  NOT NULL,
    created_at     BIGINT       NOT NULL
);

CREATE TABLE nodes (
    node_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL,
    secret_hash VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE user_tokens (
    token_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    application_id VARCHAR(128) NOT NULL,
    mc_service_id  VARCHAR(128) NOT NULL,
    issued_at      BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL
);

CREATE TABLE authorizations (
    authorization_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    application_id   VARCHAR(128) NOT NULL,
    mc_service_id    VARCHAR(128) NOT NULL,
    request_type     VARCHAR(20)  NOT NULL,
    capabilities     VARCHAR      NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    requested_at     BIGINT       NOT NULL,
    decided_at       BIGINT,
    decided_by       VARCHAR(128),
    reason           VARCHAR(4000)
);
CREATE INDEX authorizations_by_status ON authorizations (status);

CREATE TABLE profiles (
    application_profile_id VARCHAR(128) NOT NULL PRIMARY KEY,
    application_id         VARCHAR(128) NOT NULL,
    document               VARCHAR      NOT NULL,
    version                BIGINT       NOT NULL
);
CREATE INDEX profiles_by_application ON profiles (application_id);

CREATE TABLE profile_versions (
    application_profile_id VARCHAR(128) NOT NULL,
    version                BIGINT       NOT NULL,
    document               VARCHAR      NOT NULL,
    deleted                BOOLEAN      NOT NULL,
    PRIMARY KEY (application_profile_id, version)
);

-- A notifyApplicationProfile the application has not acknowledged yet; re-sent on reconnect.
CREATE TABLE notifications (
    application_id         VARCHAR(128) NOT NULL,
    application_profile_id VARCHAR(128) NOT NULL,
    version                BIGINT       NOT NULL,
    PRIMARY KEY (application_id, application_profile_id)
);

CREATE TABLE partners (
    system_id    VARCHAR(128) NOT NULL PRIMARY KEY,
    name         VARCHAR(400) NOT NULL,
    endpoint     VARCHAR(400) NOT NULL,
    secret       VARCHAR(300) NOT NULL,
    auto_approve BOOLEAN      NOT NULL,
    max_users    INTEGER      NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

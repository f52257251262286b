-- This system's groups (issue 14, docs/acm.md): what a partner may learn of them (groups.request)
-- and ask to change (groupMembership.update). shared_with: comma-separated partner system ids, '*'
-- for every partner, '' for none.
CREATE TABLE mc_groups (
    group_id        VARCHAR(128) NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    shared_with     VARCHAR      NOT NULL,
    disclose_levels BOOLEAN      NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE TABLE mc_group_members (
    group_id      VARCHAR(128) NOT NULL,
    mc_service_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (group_id, mc_service_id)
);
CREATE INDEX mc_group_members_by_user ON mc_group_members (mc_service_id);

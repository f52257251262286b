-- Server identity overrides for named groups of users (a partner answering for users of another
-- system keys them by the ids that system's requests use). One JSON document per group:
-- {"group":…,"members":[…],"servers":[{"serverType":…,"identity":…}]}; position keeps their order,
-- which decides for a user listed in several groups.
CREATE TABLE acms_identity_groups (
    group_id  VARCHAR(128) NOT NULL PRIMARY KEY,
    position  INTEGER      NOT NULL,
    document  VARCHAR      NOT NULL
);

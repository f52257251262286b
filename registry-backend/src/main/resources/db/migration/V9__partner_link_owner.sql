-- Which backend node drains each partner's outbox (docs/cluster.md, "Partner outboxes"). Several
-- nodes may serve one system from one database; a partner's messages must leave through one link
-- at a time, so a node holds a partner only while its row names it and its lease runs.
--   owner_instance  the node's SystemContext.instanceId (new at every start of a process)
--   fence           raised by one at every change of owner: an outcome recorded under an older
--                   fence is refused, so a node that lost the partner changes nothing any more
--   lease_until     end of the lease, epoch milliseconds of the database's clock (every node
--                   compares against the same clock, whatever the hosts' clocks say)
--   connected       whether the owner's link is up, so that every node answers the same
-- The row goes with its partner. Portable between H2 (MODE=PostgreSQL) and PostgreSQL, like V1.
CREATE TABLE partner_link_owner (
    partner_system_id VARCHAR(128) NOT NULL PRIMARY KEY
        REFERENCES partners (system_id) ON DELETE CASCADE,
    owner_instance    VARCHAR(200) NOT NULL,
    fence             BIGINT       NOT NULL,
    lease_until       BIGINT       NOT NULL,
    connected         BOOLEAN      DEFAULT FALSE NOT NULL
);

-- Service leases (package org.mcx.backend.registry), one row per live lease, shared by every
-- backend node on the database: any node may serve a service's registration, heartbeats and
-- deregistration, and any node may expire it. Portable between H2 (MODE=PostgreSQL) and
-- PostgreSQL, like V1: times are epoch milliseconds. (V8 and V9 are other changes'.)
--
-- registration is the protocol's RegisterService as JSON, so that a node starting up rebuilds
-- the lease exactly as it was granted. registration_order decides which instance of a capability
-- describes it (the newest), the same on every node. expires_at is moved forward by the node that
-- receives the heartbeats, in a batch about every second; renewed_by names that backend process
-- (SystemContext.instanceId), so that a sweeping node knows which deadlines it wrote itself.
CREATE TABLE service_leases (
    lease_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    node_id            VARCHAR(128) NOT NULL,
    service_id         VARCHAR(128) NOT NULL,
    registration       VARCHAR      NOT NULL,
    registered_at      BIGINT       NOT NULL,
    registration_order BIGINT       NOT NULL,
    expires_at         BIGINT       NOT NULL,
    renewed_by         VARCHAR(300) NOT NULL
);
-- A node holds one lease per service id: registering again replaces it, on whichever backend node.
CREATE UNIQUE INDEX service_leases_one_per_service ON service_leases (node_id, service_id);
-- No index on expires_at, on purpose: every heartbeat moves it, and an index there made writing
-- 10,000 deadlines on H2 take 1.7-2.4 s instead of 0.7-0.8 s (and keeps PostgreSQL from updating
-- the row in place), while a sweep that reads the whole table of 10,000 rows took 5-7 ms, and an
-- idle node sweeps once a second.

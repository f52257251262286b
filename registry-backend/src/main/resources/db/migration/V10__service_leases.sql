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
CREATE INDEX service_leases_by_expiry ON service_leases (expires_at);

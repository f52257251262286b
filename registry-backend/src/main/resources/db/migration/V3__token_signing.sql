-- The key pair that signs user tokens (auth.user). Service access servers receive the public key
-- over CSC-15 and verify tokens themselves, so a forged token costs them no round trip.
CREATE TABLE signing_keys (
    key_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(20)  NOT NULL,
    private_key VARCHAR(400) NOT NULL,
    public_key  VARCHAR(400) NOT NULL,
    created_at  BIGINT       NOT NULL
);

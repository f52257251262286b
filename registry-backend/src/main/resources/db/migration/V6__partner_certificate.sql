-- A partner's certificate pinned by its SHA-256 fingerprint, for partners whose certificate no CA
-- vouches for (the self-signed one a backend makes on first start). NULL: the JVM's CAs decide.
ALTER TABLE partners ADD COLUMN certificate_fingerprint VARCHAR(100);

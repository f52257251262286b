-- The highest MC-Priority (R-5.18.2-003) a user may claim through the service access server;
-- a higher one is lowered to it and audited. Existing users may claim normal only.
-- (V4 is the ACMS exchange's.)
ALTER TABLE users ADD COLUMN max_priority VARCHAR(20) DEFAULT 'normal' NOT NULL;

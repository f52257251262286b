-- Configuration exchanges beyond server identities (issue 14, docs/acm.md).
-- A user's security level (one of the configured, ordered names) and, for a user who migrated here
-- from a partner system, that system's id (NULL for this system's own users).
ALTER TABLE users ADD COLUMN security_level VARCHAR(40);
ALTER TABLE users ADD COLUMN home_system_id VARCHAR(128);
-- How soon the partner's approvers should look at a request: 'NORMAL' or 'URGENT' (NULL: normal).
ALTER TABLE acms_requests ADD COLUMN urgency VARCHAR(10);

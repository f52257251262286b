-- One row per log, numbering its entries. A transaction that appends to a log advances its row and
-- holds the row's lock until it commits, so with several nodes on one database the numbers are
-- handed out in commit order, and a rollback takes its numbers back: a reader that sees entry N
-- committed knows every entry below N is committed too (docs/cluster.md). A sequence would not do:
-- its values are taken when asked for, not when the transaction commits.
CREATE TABLE log_clock (
    name VARCHAR(16) NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL
);
INSERT INTO log_clock (name, seq) SELECT 'events', COALESCE(MAX(seq), 0) FROM events;
INSERT INTO log_clock (name, seq) SELECT 'audit', COALESCE(MAX(seq), 0) FROM audit_log;

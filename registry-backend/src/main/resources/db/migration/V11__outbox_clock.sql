-- The partner outbox numbered by the shared clock too: with several nodes writing to one database,
-- MAX(outbox_id) + 1 would give two nodes the same id, and ids would stop following commit order.
INSERT INTO log_clock (name, seq) SELECT 'outbox', COALESCE(MAX(outbox_id), 0) FROM acms_outbox;

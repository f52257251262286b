-- How a partner's security levels map to this system's (issue 14, docs/acm.md): "theirs=ours"
-- pairs, comma-separated; NULL: a level is taken when both systems give it the same name.
ALTER TABLE partners ADD COLUMN security_levels VARCHAR(2000);

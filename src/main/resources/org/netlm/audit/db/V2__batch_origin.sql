-- NETLM Rules audit trail, version 2: where a batch record came from (the run and the input line), at most one record
-- per (run, line) so that a resumed run never records a line twice. Service calls and evaluate leave both NULL
-- (NULLs are distinct in a unique index on H2 and PostgreSQL).

ALTER TABLE audit_event ADD COLUMN batch_run VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN batch_line BIGINT;
CREATE UNIQUE INDEX audit_event_batch_origin ON audit_event (batch_run, batch_line);

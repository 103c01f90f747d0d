-- A telephone interpreter in a phone call (issue 22): a second dialling attempt, to the interpreter
-- service's number, that belongs to the household's answered call. The worker's browser joins the
-- two legs; nothing is recorded, here or anywhere.
ALTER TABLE phone_calls ADD COLUMN interpreter_for_call_id BIGINT NULL REFERENCES phone_calls (id);
-- One interpreter on the line at a time per call.
CREATE UNIQUE INDEX ux_phone_calls_open_interpreter ON phone_calls (interpreter_for_call_id)
    WHERE interpreter_for_call_id IS NOT NULL AND ended_at IS NULL;

-- The interpreter service the organisation has a contract with (one row): kept by an admin on the
-- Telefonie page, so a new contract needs no change to the server's configuration.
CREATE TABLE phone_line_settings (
    id INTEGER PRIMARY KEY,
    interpreter_name TEXT NULL,
    interpreter_number TEXT NULL,
    updated_by BIGINT NULL REFERENCES users (id),
    updated_at TIMESTAMPTZ NULL
);
INSERT INTO phone_line_settings (id) VALUES (1);

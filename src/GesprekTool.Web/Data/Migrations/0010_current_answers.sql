-- The current answer to a question (its highest revision) is marked, so reading a conversation's
-- answers touches one row per question however often answers were corrected. The save that adds
-- a revision moves the mark in the same transaction.
ALTER TABLE answers ADD COLUMN is_current BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE answers SET is_current = TRUE
WHERE revision = (SELECT MAX(b.revision) FROM answers b
                  WHERE b.conversation_id = answers.conversation_id AND b.question_key = answers.question_key);
CREATE INDEX ix_answers_current ON answers (conversation_id) WHERE is_current = TRUE;

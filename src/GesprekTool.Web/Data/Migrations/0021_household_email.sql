-- An e-mail address for invitations (issue 24): optional, shown only to whoever may see the household,
-- and never written into the audit log's free text.
ALTER TABLE households ADD COLUMN email TEXT NULL;

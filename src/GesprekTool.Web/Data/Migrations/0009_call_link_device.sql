-- Admission belongs to one device: the SHA-256 of the random device key the household's browser
-- keeps. The same link opened on another device knocks again in the waiting room.
ALTER TABLE call_links ADD COLUMN admitted_device TEXT NULL;

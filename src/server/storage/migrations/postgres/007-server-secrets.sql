-- Secrets the server keeps with the data and never sends to a device (storage.ts serverSecret): e.g. the
-- key of the hashes a district's school summary keeps of what its figures were made of.
CREATE TABLE IF NOT EXISTS server_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);

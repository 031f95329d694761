-- 0003: sharing invitations, and indexes for the admin sessions log.
-- An invitation stores only the SHA-256 of its token (the token itself is shown once to the owner); accepting
-- flips status from 'pending' in one conditional UPDATE, so a token can be used once.

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  invited_by TEXT NOT NULL,
  invitee_user_id TEXT,
  invitee_email TEXT,
  token_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  expires_at INTEGER NOT NULL,
  responded_at INTEGER,
  responded_by TEXT,
  created_at INTEGER NOT NULL,
  CHECK (invitee_user_id IS NOT NULL OR invitee_email IS NOT NULL)
);
CREATE UNIQUE INDEX invitations_token_unique ON invitations (token_hash);
CREATE INDEX invitations_system_idx ON invitations (system_id, status);
CREATE INDEX invitations_invitee_idx ON invitations (invitee_user_id) WHERE invitee_user_id IS NOT NULL;
CREATE INDEX invitations_email_idx ON invitations (invitee_email) WHERE invitee_email IS NOT NULL;

-- Keyset pages of the sessions log: each filter has an index ending in (started, id) (id is the rowid, so
-- every index already ends in it). System and time range use 0001's (system_id, started) and (started).
CREATE INDEX sessions_vendor_started_idx ON sessions (vendor_type, started);
CREATE INDEX sessions_cause_started_idx ON sessions (cause, started);
CREATE INDEX sessions_success_started_idx ON sessions (successful, started);
CREATE INDEX sessions_duration_idx ON sessions (duration);

-- Server-side sign-in sessions, disabled accounts and the admin audit log (issue #21, "Also").
-- Local sign-in: the session cookie carries a random session id; only its SHA-256 is stored, so a copy of this
-- table cannot be turned into cookies. Sign-out deletes the row and the cookie stops working at once.
-- Times ms UTC.
CREATE TABLE auth_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expires ON auth_sessions (expires_at);
-- A disabled user is refused on every request as if signed out (NULL: enabled).
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
-- What platform admins changed about users: who (actor), what (action, detail JSON), whom (target), when.
-- action: 'grant-admin' | 'revoke-admin' | 'disable' | 'enable'. Kept when either user is deleted.
CREATE TABLE admin_audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor_user_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target_user_id TEXT NOT NULL,
  detail TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX admin_audit_log_created ON admin_audit_log (created_at);

-- 0020: personal API tokens, read-only share links, and the database fallback of rate-limit counters (issue #21).
-- Tokens and share links store only the SHA-256 of their secret (shown once at creation); revoking sets revoked_at.
-- A token's system_ids is NULL for "every system its user may read", else a JSON array of system ids.

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  -- the first characters of the secret (e.g. "sm_Ab12"), so a person can tell their tokens apart
  prefix TEXT NOT NULL,
  -- JSON array of scopes: systems:read, data:read, energy:read, settings:write
  scopes TEXT NOT NULL,
  system_ids TEXT,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX api_tokens_hash_unique ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

CREATE TABLE share_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  prefix TEXT NOT NULL,
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX share_links_hash_unique ON share_links (token_hash);
CREATE INDEX share_links_system_idx ON share_links (system_id, created_at);

-- Fixed-window counters when Redis is not configured: one row per limited key, reset when its window moves on.
CREATE TABLE rate_limit_counters (
  key TEXT PRIMARY KEY,
  window_end INTEGER NOT NULL,
  count INTEGER NOT NULL
);

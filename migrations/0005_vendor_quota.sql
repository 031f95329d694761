-- 0005: the vendor API quota ledger, and Enphase OAuth connections waiting for the user to choose systems.
-- vendor_quota counts calls we made (or are about to make) per vendor account and window, so adapters stop
-- before a vendor's quota is used up. account_key is a hash of the API key / client id or a public site id,
-- never a secret. period is minute, day (UTC) or month (UTC); period_start is that window's start in ms UTC.

CREATE TABLE vendor_quota (
  vendor TEXT NOT NULL,
  account_key TEXT NOT NULL,
  period TEXT NOT NULL CHECK (period IN ('minute', 'day', 'month')),
  period_start INTEGER NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (vendor, account_key, period, period_start)
) WITHOUT ROWID;

-- An OAuth grant between the callback and the user's choice of systems: the token pair and the account's
-- systems, AES-256-GCM encrypted (lib/crypto), bound to the signed-in user, deleted once used or expired.
CREATE TABLE oauth_pending (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  vendor TEXT NOT NULL,
  payload TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX oauth_pending_expires_idx ON oauth_pending (expires_at);

-- Push secrets (Fronius) are stored only as SHA-256 hashes in systems.metadata.pushKeyHash, written with the system
-- (lib/systems create hook) and on rotation (lib/vendors/fronius/keys.ts). The push route finds a system by the hash
-- of the presented key through this expression index (no scan); lookups must use exactly the same expression.
-- json_valid guards rows whose metadata is not JSON, which would otherwise make json_extract fail on insert.
CREATE INDEX IF NOT EXISTS systems_push_key_hash
  ON systems ((CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.pushKeyHash') END));

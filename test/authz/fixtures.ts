import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { encryptJson, hashSecret, randomSecret } from "@/lib/crypto/secrets";
import { upsertUser } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { createInvitation } from "@/lib/sharing";
import { clerkSessionCookie, clerkTestKeys, localSessionCookie } from "@/test/helpers/auth";
import { TEST_VENDOR } from "@/test/helpers/test-vendor";

/**
 * The callers of the authorization matrix. Bearer callers (lib/auth/bearer.ts) are the owner's API tokens: with
 * every scope for `home` (token), with no scope (tokenNoScope), for the owner's other system only (tokenOther),
 * expired and revoked; and share links of `home`, live and revoked.
 */
export const WHO = [
  "anonymous",
  "stranger",
  "viewer",
  "sysadmin",
  "owner",
  "platform",
  "cron",
  "wrongCron",
  "token",
  "tokenNoScope",
  "tokenOther",
  "tokenExpired",
  "tokenRevoked",
  "share",
  "shareRevoked",
] as const;
export const BEARER_WHO = WHO.slice(WHO.indexOf("token"));
export type BearerWho = (typeof WHO)[number] & `${"token" | "share"}${string}`;
export type Who = (typeof WHO)[number];
export type Mode = "local" | "clerk";

/** User ids per caller; in Clerk mode the platform admin is one only through the token's metadata claim. */
export const USER_IDS: Record<Mode, Partial<Record<Who, string>>> = {
  local: {
    stranger: "local-stranger",
    viewer: "local-viewer",
    sysadmin: "local-sysadmin",
    owner: "local-owner",
    platform: "local-admin",
  },
  clerk: {
    stranger: "local-stranger",
    viewer: "local-viewer",
    sysadmin: "local-sysadmin",
    owner: "local-owner",
    platform: "user_clerk_platform",
  },
};

/** What the matrix's requests refer to; refreshed by reset(). */
export interface Fixtures {
  home: number;
  removed: number;
  strangersOwn: number;
  sessionId: number;
  /** A pending invitation of `home` for the stranger. */
  inviteToken: string;
  homeSiteId: string;
  /** Another system of the owner's (tokenOther is limited to it). */
  cabin: number;
  /** The bearer callers' secrets, and the ids of the owner's live token and home's live share link. */
  secrets: Record<BearerWho, string>;
  tokenId: number;
  shareLinkId: number;
}

async function insertSystem(db: Db, owner: string, alias: string, siteId: string, status = "active"): Promise<number> {
  const now = Date.now();
  const res = await db.$client.execute({
    sql:
      "INSERT INTO systems (owner_user_id, vendor_type, vendor_site_id, status, display_name, alias, " +
      "timezone_offset_min, display_timezone, created_at, updated_at) VALUES (?,?,?,?,?,?,600,'Australia/Brisbane',?,?) RETURNING id",
    args: [owner, TEST_VENDOR, siteId, status, `System ${alias}`, alias, now, now],
  });
  const id = Number(res.rows[0].id);
  await db.$client.execute({
    sql: "INSERT INTO vendor_credentials (system_id, owner_user_id, credentials, created_at, updated_at) VALUES (?,?,?,?,?)",
    args: [id, owner, encryptJson({ apiKey: "k" }), now, now],
  });
  return id;
}

/** Seeds users, systems (the stranger owns one with the same alias), a session, and the grants. */
export async function seedFixtures(db: Db): Promise<Fixtures> {
  for (const [id, name, admin] of [
    ["local-admin", "Alex Admin", true],
    ["local-owner", "Olivia Owner", false],
    ["local-viewer", "Victor Viewer", false],
    ["local-sysadmin", "Sid Sysadmin", false],
    ["local-stranger", "Sam Stranger", false],
  ] as const) {
    await upsertUser(
      { id, displayName: name, username: id.replace("local-", ""), email: `${id}@example.com`, isPlatformAdmin: admin },
      db,
    );
  }
  const homeSiteId = String(900_000 + Math.floor(Math.random() * 1000));
  const home = await insertSystem(db, "local-owner", "home", homeSiteId);
  const removed = await insertSystem(db, "local-owner", "old", "old-site", "removed");
  const strangersOwn = await insertSystem(db, "local-stranger", "mine", "stranger-site");
  const cabin = await insertSystem(db, "local-owner", "cabin", "cabin-site");
  const session = await db.$client.execute({
    sql:
      "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, successful, response, num_rows, created_at) " +
      "VALUES (?, ?, 'CRON', ?, 10, 1, '{\"ok\":true}', 0, ?) RETURNING id",
    args: [home, TEST_VENDOR, Date.now(), Date.now()],
  });
  await db.$client.execute({
    sql:
      "INSERT INTO point_info (system_id, id, origin_id, point_name, display_name, type, subtype, metric_type, " +
      "metric_unit, created, updated_at) VALUES (?, 1, 'solar', 'Solar', 'Solar', 'source', 'solar', 'power', 'W', ?, ?)",
    args: [home, Date.now(), Date.now()],
  });
  const fx: Fixtures = {
    home,
    removed,
    strangersOwn,
    sessionId: Number(session.rows[0].id),
    inviteToken: "",
    homeSiteId,
    cabin,
    secrets: Object.fromEntries(
      BEARER_WHO.map((w) => [w, `${w.startsWith("share") ? "sh_" : "sm_"}${randomSecret(32)}`]),
    ) as Record<BearerWho, string>,
    tokenId: 0,
    shareLinkId: 0,
  };
  await resetFixtures(db, fx);
  return fx;
}

/** Puts back the state mutating cells may change: statuses, grants, the stranger's invitation. */
export async function resetFixtures(db: Db, fx: Fixtures): Promise<void> {
  const now = Date.now();
  await db.$client.batch(
    [
      {
        sql: "UPDATE systems SET status = 'active' WHERE id IN (?, ?, ?)",
        args: [fx.home, fx.strangersOwn, fx.cabin],
      },
      { sql: "UPDATE systems SET status = 'removed' WHERE id = ?", args: [fx.removed] },
      "DELETE FROM user_systems",
      {
        sql:
          "INSERT OR REPLACE INTO vendor_credentials (system_id, owner_user_id, credentials, created_at, updated_at) " +
          "VALUES (?, 'local-owner', ?, ?, ?)",
        args: [fx.home, encryptJson({ apiKey: "k" }), now, now],
      },
      "DELETE FROM invitations",
      {
        sql:
          "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES " +
          "('local-viewer', ?, 'viewer', ?, ?), ('local-sysadmin', ?, 'admin', ?, ?), ('local-viewer', ?, 'viewer', ?, ?)",
        args: [fx.home, now, now, fx.home, now, now, fx.removed, now, now],
      },
    ],
    "write",
  );
  await resetBearers(db, fx, now);
  const inv = await createInvitation({
    system: { id: fx.home, ownerUserId: "local-owner" },
    invitedBy: "local-owner",
    handle: "stranger",
    role: "viewer",
  });
  fx.inviteToken = inv.token;
}

const ALL_SCOPES = JSON.stringify(["systems:read", "data:read", "energy:read", "settings:write"]);

/** Puts the owner's tokens and home's share links back (revoking or deleting them is what some cells do). */
async function resetBearers(db: Db, fx: Fixtures, now: number): Promise<void> {
  const day = 24 * 3600_000;
  const token = (who: BearerWho, scopes: string, systems: number[], expires: number, revoked: number | null) => ({
    sql:
      "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes, system_ids, expires_at, revoked_at, " +
      "created_at) VALUES ('local-owner', ?, ?, 'sm_x', ?, ?, ?, ?, ?) RETURNING id",
    args: [who, hashSecret(fx.secrets[who]), scopes, JSON.stringify(systems), expires, revoked, now],
  });
  const link = (who: BearerWho, revoked: number | null) => ({
    sql:
      "INSERT INTO share_links (system_id, token_hash, prefix, label, created_by, expires_at, revoked_at, created_at) " +
      "VALUES (?, ?, 'sh_x', ?, 'local-owner', ?, ?, ?) RETURNING id",
    args: [fx.home, hashSecret(fx.secrets[who]), who, now + day, revoked, now],
  });
  const results = await db.$client.batch(
    [
      "DELETE FROM api_tokens",
      "DELETE FROM share_links",
      "DELETE FROM rate_limit_counters",
      token("token", ALL_SCOPES, [fx.home], now + day, null),
      token("tokenNoScope", "[]", [fx.home], now + day, null),
      token("tokenOther", ALL_SCOPES, [fx.cabin], now + day, null),
      token("tokenExpired", ALL_SCOPES, [fx.home], now - 1, null),
      token("tokenRevoked", ALL_SCOPES, [fx.home], now + day, now - 1),
      link("share", null),
      link("shareRevoked", now - 1),
    ],
    "write",
  );
  fx.tokenId = Number(results[3].rows[0].id);
  fx.shareLinkId = Number(results[8].rows[0].id);
}

/** Headers that authenticate `who` in `mode` (cookies for users, a bearer secret for cron, tokens and links). */
export async function authHeaders(who: Who, mode: Mode, fx?: Fixtures): Promise<Record<string, string>> {
  if (BEARER_WHO.includes(who)) {
    if (!fx) throw new Error(`authHeaders(${who}) needs the fixtures`);
    return { authorization: `Bearer ${fx.secrets[who as BearerWho]}` };
  }
  if (who === "cron") return { authorization: `Bearer ${getEnv().CRON_SECRET}` };
  if (who === "wrongCron") return { authorization: `Bearer ${randomBytes(16).toString("hex")}` };
  const userId = USER_IDS[mode][who];
  if (!userId) return {};
  if (mode === "local") return { cookie: await localSessionCookie(userId) };
  const token = await clerkTestKeys().signClerkSessionToken({
    userId,
    metadata: who === "platform" ? { isPlatformAdmin: true } : undefined,
  });
  return { cookie: clerkSessionCookie(token) };
}

import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import type { Severity } from "./rules";
import { Row, num, str, rows, Alert, DeliveryEvent } from "./store-shared";
import { ALERT_COLUMNS, toAlert } from "./store-alerts";
import { forgetCachedRules } from "./store-rules";

// --------------------------------------------------------------------------------------------------- channels

export interface Channel {
  id: number;
  systemId: number;
  type: "email" | "webhook";
  target: string;
  hasSecret: boolean;
  minSeverity: Severity;
  audience: "all" | "escalation";
  quietStartMin: number | null;
  quietEndMin: number | null;
  enabled: boolean;
  createdAtMs: number;
}

const CHANNEL_COLUMNS =
  "id, system_id, type, target, secret, min_severity, audience, quiet_start_min, quiet_end_min, enabled, created_at";

function toChannel(r: Row): Channel {
  return {
    id: Number(r.id),
    systemId: Number(r.system_id),
    type: String(r.type) as Channel["type"],
    target: String(r.target),
    hasSecret: r.secret !== null && r.secret !== undefined,
    minSeverity: String(r.min_severity) as Severity,
    audience: String(r.audience) as Channel["audience"],
    quietStartMin: num(r.quiet_start_min),
    quietEndMin: num(r.quiet_end_min),
    enabled: Boolean(Number(r.enabled)),
    createdAtMs: Number(r.created_at),
  };
}

export const MAX_CHANNELS_PER_SYSTEM = 20;

export async function listChannels(systemId: number): Promise<Channel[]> {
  return (await rows(`SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE system_id = ? ORDER BY id`, [systemId])).map(
    toChannel,
  );
}

export interface ChannelValues {
  type: Channel["type"];
  target: string;
  /** The encrypted signing secret (webhooks). */
  secret: string | null;
  minSeverity: Severity;
  audience: Channel["audience"];
  quietStartMin: number | null;
  quietEndMin: number | null;
  enabled: boolean;
}

export async function insertChannel(systemId: number, v: ChannelValues, userId: string, nowMs = Date.now()) {
  const [row] = await rows(
    "INSERT INTO alert_channels (system_id, type, target, secret, min_severity, audience, quiet_start_min, quiet_end_min, " +
      "enabled, created_by, created_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? " +
      `WHERE (SELECT count(*) FROM alert_channels WHERE system_id = ?) < ? RETURNING ${CHANNEL_COLUMNS}`,
    [
      systemId,
      v.type,
      v.target,
      v.secret,
      v.minSeverity,
      v.audience,
      v.quietStartMin,
      v.quietEndMin,
      v.enabled ? 1 : 0,
      userId,
      nowMs,
      nowMs,
      systemId,
      MAX_CHANNELS_PER_SYSTEM,
    ],
  );
  if (!row) throw new ApiError("CONFLICT", `A system can have at most ${MAX_CHANNELS_PER_SYSTEM} alert channels`);
  return toChannel(row);
}

export async function deleteChannel(systemId: number, channelId: number): Promise<void> {
  const res = await getDb().$client.execute({
    sql: "DELETE FROM alert_channels WHERE system_id = ? AND id = ?",
    args: [systemId, channelId],
  });
  if (!res.rowsAffected) throw notFound("Alert channel not found");
}

// ------------------------------------------------------------------------------------------------- deliveries

/** A claimed delivery with what sending it needs. */
export interface DueDelivery {
  id: number;
  event: DeliveryEvent;
  attempts: number;
  /** Where it goes: a channel, or (id null) a person's account email for an escalation. */
  channel: {
    id: number | null;
    type: Channel["type"];
    target: string;
    secret: string | null;
    quietStartMin: number | null;
    quietEndMin: number | null;
  };
  alert: Alert;
  systemName: string | null;
  systemTimezone: string | null;
  /** The person a person-addressed delivery goes to (null for a channel's). */
  recipientUserId: string | null;
  /** Quiet hours of the person who made the channel, or of the recipient (alert_user_settings), in their own zone. */
  owner: UserQuietHours | null;
}

/** A person's quiet hours: minutes of their local day in `timezone` (both null: none). */
export interface UserQuietHours {
  quietStartMin: number | null;
  quietEndMin: number | null;
  timezone: string;
}

/**
 * Claims up to `limit` due deliveries (pending and due, or `sending` past a dead runner's lease) for `leaseMs`,
 * counting the attempt. Two runners never claim the same row: the claim is one UPDATE … RETURNING.
 */
export async function claimDueDeliveries(nowMs: number, leaseMs: number, limit: number): Promise<DueDelivery[]> {
  const claimed = await rows(
    "UPDATE alert_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = ? WHERE id IN (" +
      "SELECT id FROM alert_deliveries WHERE (status = 'pending' AND next_attempt_at <= ?) " +
      "OR (status = 'sending' AND lease_until < ?) ORDER BY next_attempt_at LIMIT ?) RETURNING id",
    [nowMs + leaseMs, nowMs, nowMs, limit],
  );
  if (!claimed.length) return [];
  const ids = claimed.map((r) => Number(r.id));
  const found = await rows(
    `SELECT d.id AS delivery_id, d.event, d.attempts, d.recipient_user_id, c.id AS channel_id, ` +
      "coalesce(c.type, 'email') AS type, coalesce(c.target, p.email, '') AS target, c.secret, c.quiet_start_min, " +
      `c.quiet_end_min, s.display_name AS system_name, s.display_timezone AS system_tz, u.user_id AS owner_id, ` +
      `u.quiet_start_min AS owner_quiet_start, u.quiet_end_min AS owner_quiet_end, u.timezone AS owner_tz, ${ALERT_COLUMNS} ` +
      "FROM alert_deliveries d LEFT JOIN alert_channels c ON c.id = d.channel_id JOIN alerts a ON a.id = d.alert_id " +
      "LEFT JOIN users p ON p.id = d.recipient_user_id LEFT JOIN systems s ON s.id = a.system_id " +
      "LEFT JOIN alert_user_settings u ON u.user_id = coalesce(c.created_by, d.recipient_user_id) " +
      `WHERE d.id IN (${ids.map(() => "?").join(", ")}) ORDER BY d.id`,
    ids,
  );
  return found.map((r) => ({
    id: Number(r.delivery_id),
    event: String(r.event) as DeliveryEvent,
    attempts: Number(r.attempts),
    recipientUserId: str(r.recipient_user_id),
    channel: {
      id: num(r.channel_id),
      type: String(r.type) as Channel["type"],
      target: String(r.target),
      secret: str(r.secret),
      quietStartMin: num(r.quiet_start_min),
      quietEndMin: num(r.quiet_end_min),
    },
    alert: toAlert(r),
    systemName: str(r.system_name),
    systemTimezone: str(r.system_tz),
    owner:
      r.owner_id === null || r.owner_id === undefined
        ? null
        : {
            quietStartMin: num(r.owner_quiet_start),
            quietEndMin: num(r.owner_quiet_end),
            timezone: String(r.owner_tz ?? "UTC"),
          },
  }));
}

/** A person's quiet hours; null when they set none. */
export async function getUserQuietHours(userId: string): Promise<UserQuietHours | null> {
  const [row] = await rows(
    "SELECT quiet_start_min, quiet_end_min, timezone FROM alert_user_settings WHERE user_id = ?",
    [userId],
  );
  if (!row) return null;
  return {
    quietStartMin: num(row.quiet_start_min),
    quietEndMin: num(row.quiet_end_min),
    timezone: String(row.timezone),
  };
}

/** Sets a person's quiet hours (both null: none) and zone. */
export async function setUserQuietHours(userId: string, q: UserQuietHours, nowMs = Date.now()): Promise<void> {
  await getDb().$client.execute({
    sql:
      "INSERT INTO alert_user_settings (user_id, quiet_start_min, quiet_end_min, timezone, updated_at) " +
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET quiet_start_min = excluded.quiet_start_min, " +
      "quiet_end_min = excluded.quiet_end_min, timezone = excluded.timezone, updated_at = excluded.updated_at",
    args: [userId, q.quietStartMin, q.quietEndMin, q.timezone, nowMs],
  });
}

/** Records a delivery's outcome: sent, retry at `retryAtMs`, given up (failed), or postponed (no attempt counted). */
export async function finishDelivery(
  id: number,
  outcome:
    | { status: "sent"; latencyMs: number; responseStatus: number | null; nowMs: number }
    | { status: "retry"; error: string; latencyMs: number; responseStatus: number | null; retryAtMs: number }
    | { status: "failed"; error: string; latencyMs: number; responseStatus: number | null }
    | { status: "postponed"; untilMs: number },
): Promise<void> {
  const db = getDb().$client;
  if (outcome.status === "sent") {
    await db.execute({
      sql:
        "UPDATE alert_deliveries SET status = 'sent', lease_until = NULL, last_error = NULL, latency_ms = ?, " +
        "response_status = ?, sent_at = ? WHERE id = ?",
      args: [outcome.latencyMs, outcome.responseStatus, outcome.nowMs, id],
    });
  } else if (outcome.status === "postponed") {
    await db.execute({
      sql: "UPDATE alert_deliveries SET status = 'pending', attempts = attempts - 1, lease_until = NULL, next_attempt_at = ? WHERE id = ?",
      args: [outcome.untilMs, id],
    });
  } else {
    await db.execute({
      sql:
        "UPDATE alert_deliveries SET status = ?, lease_until = NULL, last_error = ?, latency_ms = ?, response_status = ?, " +
        "next_attempt_at = ? WHERE id = ?",
      args: [
        outcome.status === "retry" ? "pending" : "failed",
        outcome.error.slice(0, 500),
        outcome.latencyMs,
        outcome.responseStatus,
        outcome.status === "retry" ? outcome.retryAtMs : Date.now(),
        id,
      ],
    });
  }
}

// ------------------------------------------------------------------------------------ maintenance and leases

/** Sets (or clears: null) a system's maintenance mode end. */
export async function setMaintenance(systemId: number, untilMs: number | null, userId: string, nowMs = Date.now()) {
  await getDb().$client.execute({
    sql:
      "INSERT INTO alert_settings (system_id, maintenance_until, updated_by, updated_at) VALUES (?, ?, ?, ?) " +
      "ON CONFLICT (system_id) DO UPDATE SET maintenance_until = excluded.maintenance_until, " +
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    args: [systemId, untilMs, userId, nowMs],
  });
  forgetCachedRules(systemId);
}

export async function getMaintenance(systemId: number): Promise<number | null> {
  const [row] = await rows("SELECT maintenance_until FROM alert_settings WHERE system_id = ?", [systemId]);
  return num(row?.maintenance_until);
}

/** Takes the named job lease for `ms` unless another owner holds an unexpired one. */
export async function takeJobLease(name: string, owner: string, nowMs: number, ms: number): Promise<boolean> {
  const res = await getDb().$client.execute({
    sql:
      "INSERT INTO job_leases (name, owner, lease_until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET " +
      "owner = excluded.owner, lease_until = excluded.lease_until WHERE job_leases.lease_until < ? OR job_leases.owner = excluded.owner",
    args: [name, owner, nowMs + ms, nowMs],
  });
  return res.rowsAffected > 0;
}

export async function releaseJobLease(name: string, owner: string): Promise<void> {
  await getDb().$client.execute({
    sql: "DELETE FROM job_leases WHERE name = ? AND owner = ?",
    args: [name, owner],
  });
}

/** Ids of the systems a user owns or has a grant on (what GET /api/alerts lists for them). */
export async function visibleSystemIds(userId: string): Promise<number[]> {
  const found = await rows(
    "SELECT id FROM systems WHERE owner_user_id = ? AND status != 'removed' UNION " +
      "SELECT us.system_id FROM user_systems us JOIN systems s ON s.id = us.system_id WHERE us.user_id = ? AND s.status != 'removed'",
    [userId, userId],
  );
  return found.map((r) => Number(r.id));
}

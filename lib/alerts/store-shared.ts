import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import type { AlertState, Severity } from "./rules";

/*
 * Every database access of lib/alerts. Writes that change an alert's state record the transition and queue the
 * deliveries in the same write batch, each guarded so that a replay or a concurrent evaluator changes nothing twice:
 * an alert is inserted with INSERT OR IGNORE against the one-open-per-rule index, a transition is written only when
 * the statement before it changed a row (`changes()`), and deliveries are unique per alert, channel and event.
 */

/** Statuses of a delivery row. */
export type DeliveryStatus = "pending" | "sending" | "sent" | "failed";
export type DeliveryEvent = "fired" | "resolved" | "escalated";

export interface Alert {
  id: number;
  systemId: number | null;
  ruleId: number | null;
  vendorType: string;
  kind: string;
  severity: Severity;
  state: AlertState;
  title: string;
  message: string;
  details: Record<string, unknown> | null;
  held: boolean;
  firedAtMs: number;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  resolvedAtMs: number | null;
  resolvedBy: string | null;
  snoozedUntilMs: number | null;
  escalatedAtMs: number | null;
  updatedAtMs: number;
}

export type Row = Record<string, unknown>;
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function rows(sql: string, args: InValue[] = []): Promise<Row[]> {
  return (await getDb().$client.execute({ sql, args })).rows as unknown as Row[];
}

export async function batch(statements: InStatement[]): Promise<void> {
  if (statements.length) await getDb().$client.batch(statements, "write");
}

/** SQL rank of a severity column (info 0, warning 1, critical 2). */
export const rank = (col: string) => `(CASE ${col} WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)`;
export const OPEN = "('active', 'acknowledged')";

/** Parses a JSON column; null when empty or not JSON. */
export const parseJson = (v: unknown) => {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(String(v));
  } catch {
    return null;
  }
};

/** Queues the deliveries of an alert event to the system's channels (unique per alert, channel and event). */
export function queueDeliveriesStatement(alertIds: string, event: DeliveryEvent, nowMs: number): InStatement {
  const audience = event === "escalated" ? "" : "AND c.audience = 'all' ";
  const onlyWhereSent =
    event === "resolved"
      ? "AND EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.channel_id = c.id AND d.event = 'fired') "
      : "";
  return {
    sql:
      "INSERT OR IGNORE INTO alert_deliveries (alert_id, channel_id, event, status, attempts, next_attempt_at, created_at) " +
      `SELECT a.id, c.id, ?, 'pending', 0, ?, ? FROM alerts a JOIN alert_channels c ON c.system_id = a.system_id ` +
      `WHERE a.id IN ${alertIds} AND a.held = 0 AND c.enabled = 1 ${audience}${onlyWhereSent}` +
      `AND ${rank("a.severity")} >= ${rank("c.min_severity")}`,
    args: [event, nowMs, nowMs],
  };
}

/**
 * Queues the `escalated` email of each owner and admin of the alerts' systems (the system's owner and its `owner` or
 * `admin` grants), at their account email: people without an email and disabled accounts are skipped, and so is an
 * address an enabled email channel of the system already gets the escalation at. Once per alert and person (unique
 * index of migration 0022).
 */
export function queuePersonEscalationsStatement(alertIds: string, nowMs: number): InStatement {
  return {
    sql:
      "INSERT OR IGNORE INTO alert_deliveries (alert_id, channel_id, recipient_user_id, event, status, attempts, " +
      "next_attempt_at, created_at) SELECT a.id, NULL, u.id, 'escalated', 'pending', 0, ?, ? FROM alerts a " +
      "JOIN (SELECT id AS system_id, owner_user_id AS user_id FROM systems UNION " +
      "SELECT system_id, user_id FROM user_systems WHERE role IN ('owner', 'admin')) p ON p.system_id = a.system_id " +
      `JOIN users u ON u.id = p.user_id WHERE a.id IN ${alertIds} AND a.held = 0 ` +
      "AND u.email IS NOT NULL AND trim(u.email) != '' AND u.disabled_at IS NULL " +
      // Not twice: an email channel of the system to the same address gets the escalation already.
      "AND NOT EXISTS (SELECT 1 FROM alert_channels c WHERE c.system_id = a.system_id AND c.enabled = 1 " +
      `AND c.type = 'email' AND lower(c.target) = lower(trim(u.email)) AND ${rank("a.severity")} >= ${rank("c.min_severity")})`,
    args: [nowMs, nowMs],
  };
}

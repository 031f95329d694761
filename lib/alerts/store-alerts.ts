import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import type { AlertState, Severity } from "./rules";
import {
  Row,
  num,
  str,
  rows,
  batch,
  OPEN,
  parseJson,
  queueDeliveriesStatement,
  queuePersonEscalationsStatement,
  Alert,
  DeliveryStatus,
  DeliveryEvent,
} from "./store-shared";
import { forgetCachedRules } from "./store-rules";

// ------------------------------------------------------------------------------------------------------ lifecycle

export interface FireInput {
  systemId: number;
  ruleId: number;
  vendorType: string;
  kind: string;
  severity: Severity;
  title: string;
  message: string;
  details?: Record<string, unknown>;
  held?: boolean;
}

/**
 * Statements that raise the rule's alert unless it has one open, it is in cooldown (an alert of the rule resolved
 * less than cooldown ago) or the rule is off; the transition and (unless held) the deliveries come with it.
 */
export function fireStatements(f: FireInput, nowMs: number): InStatement[] {
  const openId = `(SELECT id FROM alerts WHERE system_id = ${Number(f.systemId)} AND rule_id = ${Number(f.ruleId)} AND state = 'active' AND fired_at = ${Number(nowMs)})`;
  const statements: InStatement[] = [
    {
      sql:
        "INSERT OR IGNORE INTO alerts (system_id, rule_id, vendor_type, kind, severity, state, title, message, details, " +
        "held, fired_at, updated_at) SELECT ?, r.id, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ? FROM alert_rules r " +
        "WHERE r.id = ? AND r.system_id = ? AND r.enabled = 1 AND NOT EXISTS (SELECT 1 FROM alerts o " +
        "WHERE o.rule_id = r.id AND o.system_id = r.system_id AND o.resolved_at > ? - r.cooldown_ms)",
      args: [
        f.systemId,
        f.vendorType,
        f.kind,
        f.severity,
        f.title,
        f.message,
        f.details ? JSON.stringify(f.details) : null,
        f.held ? 1 : 0,
        nowMs,
        nowMs,
        f.ruleId,
        f.systemId,
        nowMs,
      ],
    },
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
        "SELECT last_insert_rowid(), NULL, 'active', 'fire', 'system', ? WHERE changes() > 0",
      args: [nowMs],
    },
  ];
  if (!f.held) statements.push(queueDeliveriesStatement(openId, "fired", nowMs));
  return statements;
}

/**
 * Queues one delivery per enabled channel of the alerts' systems whose minimum severity the alert meets: for
 * `fired` and `resolved` the channels for everyone, for `escalated` all of them. A resolution goes only where the
 * alert was sent (or queued). Unique per alert, channel and event: queuing again adds nothing.
 */

/** Statements that resolve an open alert (by the evaluator: actor 'system'), with transition and deliveries. */
export function resolveStatements(alertId: number, actor: string, nowMs: number, note?: string): InStatement[] {
  return [
    {
      sql: `UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = ?, updated_at = ? WHERE id = ? AND state IN ${OPEN}`,
      args: [nowMs, actor, nowMs, alertId],
    },
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at, note) " +
        "SELECT ?, NULL, 'resolved', 'resolve', ?, ?, ? WHERE changes() > 0",
      args: [alertId, actor, nowMs, note ?? null],
    },
    // Only once per alert (unique per event), and only where the firing went.
    queueDeliveriesStatement(`(${Number(alertId)})`, "resolved", nowMs),
  ];
}

/** Runs lifecycle statements in one write batch. */
export const writeLifecycle = batch;

/** Alerts of a system (or of every system the caller may see: `systemIds` null for a platform admin). */
export interface AlertQuery {
  systemIds: number[] | null;
  states?: AlertState[];
  severities?: Severity[];
  limit: number;
  beforeId?: number;
  /** Include fleet alerts (system-less vendor outages): platform admins only. */
  fleet: boolean;
}

export const ALERT_COLUMNS =
  "a.id, a.system_id, a.rule_id, a.vendor_type, a.kind, a.severity, a.state, a.title, a.message, a.details, a.held, " +
  "a.fired_at, a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by, a.snoozed_until, a.escalated_at, " +
  "a.updated_at";

export function toAlert(r: Row): Alert {
  return {
    id: Number(r.id),
    systemId: num(r.system_id),
    ruleId: num(r.rule_id),
    vendorType: String(r.vendor_type),
    kind: String(r.kind),
    severity: String(r.severity) as Severity,
    state: String(r.state) as AlertState,
    title: String(r.title),
    message: String(r.message),
    details: parseJson(r.details),
    held: Boolean(Number(r.held)),
    firedAtMs: Number(r.fired_at),
    acknowledgedAtMs: num(r.acknowledged_at),
    acknowledgedBy: str(r.acknowledged_by),
    resolvedAtMs: num(r.resolved_at),
    resolvedBy: str(r.resolved_by),
    snoozedUntilMs: num(r.snoozed_until),
    escalatedAtMs: num(r.escalated_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export interface AlertListItem extends Alert {
  systemName: string | null;
  systemAlias: string | null;
}

export async function listAlerts(q: AlertQuery): Promise<AlertListItem[]> {
  const where: string[] = [];
  const args: InValue[] = [];
  if (q.systemIds !== null) {
    if (!q.systemIds.length && !q.fleet) return [];
    const sys = q.systemIds.length ? `a.system_id IN (${q.systemIds.map(() => "?").join(", ")})` : "0";
    where.push(q.fleet ? `(${sys} OR a.system_id IS NULL)` : sys);
    args.push(...q.systemIds);
  } else if (!q.fleet) where.push("a.system_id IS NOT NULL");
  if (q.states?.length) {
    where.push(`a.state IN (${q.states.map(() => "?").join(", ")})`);
    args.push(...q.states);
  }
  if (q.severities?.length) {
    where.push(`a.severity IN (${q.severities.map(() => "?").join(", ")})`);
    args.push(...q.severities);
  }
  if (q.beforeId) {
    where.push("a.id < ?");
    args.push(q.beforeId);
  }
  const found = await rows(
    `SELECT ${ALERT_COLUMNS}, s.display_name AS system_name, s.alias AS system_alias FROM alerts a ` +
      `LEFT JOIN systems s ON s.id = a.system_id ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ` +
      "ORDER BY a.id DESC LIMIT ?",
    [...args, q.limit],
  );
  return found.map((r) => ({ ...toAlert(r), systemName: str(r.system_name), systemAlias: str(r.system_alias) }));
}

/** How many open, unacknowledged, unsnoozed and not held alerts the given systems have (the bell). */
export async function countUnread(systemIds: number[] | null, fleet: boolean, nowMs: number): Promise<number> {
  const args: InValue[] = [nowMs];
  let scope = "";
  if (systemIds !== null) {
    if (!systemIds.length && !fleet) return 0;
    const sys = systemIds.length ? `system_id IN (${systemIds.map(() => "?").join(", ")})` : "0";
    scope = `AND ${fleet ? `(${sys} OR system_id IS NULL)` : sys}`;
    args.push(...systemIds);
  } else if (!fleet) scope = "AND system_id IS NOT NULL";
  const [row] = await rows(
    "SELECT count(*) AS n FROM alerts WHERE state = 'active' AND held = 0 AND (snoozed_until IS NULL OR snoozed_until <= ?) " +
      scope,
    args,
  );
  return Number(row?.n ?? 0);
}

/** One alert by id (any system: the caller checks access). */
export async function getAlert(alertId: number): Promise<Alert | null> {
  const [row] = await rows(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.id = ?`, [alertId]);
  return row ? toAlert(row) : null;
}

export interface Transition {
  fromState: string | null;
  toState: string;
  action: string;
  actor: string;
  atMs: number;
  note: string | null;
}

export interface DeliveryLog {
  id: number;
  /** The channel, or null for an escalation mailed to a person (recipientUserId). */
  channelId: number | null;
  recipientUserId: string | null;
  channelType: string;
  event: DeliveryEvent;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAtMs: number;
  lastError: string | null;
  responseStatus: number | null;
  latencyMs: number | null;
  sentAtMs: number | null;
}

/** The transitions and delivery log of one alert. */
export async function alertHistory(alertId: number): Promise<{ transitions: Transition[]; deliveries: DeliveryLog[] }> {
  const [t, d] = await Promise.all([
    rows("SELECT from_state, to_state, action, actor, at, note FROM alert_transitions WHERE alert_id = ? ORDER BY id", [
      alertId,
    ]),
    rows(
      "SELECT d.id, d.channel_id, d.recipient_user_id, coalesce(c.type, 'email') AS type, d.event, d.status, d.attempts, " +
        "d.next_attempt_at, d.last_error, d.response_status, d.latency_ms, d.sent_at FROM alert_deliveries d " +
        "LEFT JOIN alert_channels c ON c.id = d.channel_id " +
        "WHERE d.alert_id = ? ORDER BY d.id",
      [alertId],
    ),
  ]);
  return {
    transitions: t.map((r) => ({
      fromState: str(r.from_state),
      toState: String(r.to_state),
      action: String(r.action),
      actor: String(r.actor),
      atMs: Number(r.at),
      note: str(r.note),
    })),
    deliveries: d.map((r) => ({
      id: Number(r.id),
      channelId: num(r.channel_id),
      recipientUserId: str(r.recipient_user_id),
      channelType: String(r.type),
      event: String(r.event) as DeliveryEvent,
      status: String(r.status) as DeliveryStatus,
      attempts: Number(r.attempts),
      nextAttemptAtMs: Number(r.next_attempt_at),
      lastError: str(r.last_error),
      responseStatus: num(r.response_status),
      latencyMs: num(r.latency_ms),
      sentAtMs: num(r.sent_at),
    })),
  };
}

/** A person's action on an alert: acknowledge, resolve, snooze (until a time) or unsnooze. */
export type PersonAction =
  { action: "acknowledge" } | { action: "resolve"; note?: string } | { action: "snooze"; untilMs: number };

/**
 * Applies a person's action; 409 when the alert's state does not allow it. Returns the alert after. `alongside`:
 * statements written in the same batch when the action applies (the fleet action's per-system ones).
 */
export async function applyPersonAction(
  alert: Alert,
  a: PersonAction,
  userId: string,
  nowMs = Date.now(),
  alongside: InStatement[] = [],
) {
  const statements: InStatement[] = [];
  if (a.action === "acknowledge") {
    if (alert.state !== "active") throw new ApiError("CONFLICT", `The alert is ${alert.state}, not active`);
    statements.push(
      {
        sql: "UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, updated_at = ? WHERE id = ? AND state = 'active'",
        args: [nowMs, userId, nowMs, alert.id],
      },
      {
        sql:
          "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
          "SELECT ?, 'active', 'acknowledged', 'acknowledge', ?, ? WHERE changes() > 0",
        args: [alert.id, userId, nowMs],
      },
    );
  } else if (a.action === "resolve") {
    if (alert.state !== "active" && alert.state !== "acknowledged") {
      throw new ApiError("CONFLICT", `The alert is already ${alert.state}`);
    }
    statements.push(...resolveStatements(alert.id, userId, nowMs, a.note));
  } else {
    if (alert.state !== "active" && alert.state !== "acknowledged") {
      throw new ApiError("CONFLICT", `The alert is ${alert.state}: only open alerts can be snoozed`);
    }
    statements.push(
      {
        sql: `UPDATE alerts SET snoozed_until = ?, updated_at = ? WHERE id = ? AND state IN ${OPEN}`,
        args: [a.untilMs, nowMs, alert.id],
      },
      {
        sql:
          "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at, note) " +
          "SELECT ?, state, state, 'snooze', ?, ?, ? FROM alerts WHERE id = ? AND changes() > 0",
        args: [alert.id, userId, nowMs, `until ${new Date(a.untilMs).toISOString()}`, alert.id],
      },
    );
  }
  await batch([...alongside, ...statements]);
  if (alert.systemId !== null) forgetCachedRules(alert.systemId);
  const after = await getAlert(alert.id);
  if (after && after.state === alert.state && a.action !== "snooze") {
    // Lost a race with the evaluator or another person: say so rather than pretend.
    throw new ApiError("CONFLICT", `The alert changed meanwhile; it is now ${after.state}`);
  }
  return after!;
}

// -------------------------------------------------------------------------------------------- cron-wide updates

/**
 * Escalates active, unacknowledged, unsnoozed, not held alerts left longer than their rule's escalate_after_ms:
 * marks them, records the transition and queues `escalated` deliveries: every channel of the system, and an email
 * to each of its owners and admins (their account email; their own quiet hours apply). Returns how many.
 */
export async function escalateDue(nowMs: number): Promise<number> {
  const due =
    "(SELECT a.id FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE a.state = 'active' AND a.held = 0 " +
    `AND a.escalated_at IS NULL AND r.escalate_after_ms IS NOT NULL AND a.fired_at + r.escalate_after_ms <= ${Number(nowMs)} ` +
    `AND (a.snoozed_until IS NULL OR a.snoozed_until <= ${Number(nowMs)}))`;
  const marked = `(SELECT id FROM alerts WHERE escalated_at = ${Number(nowMs)} AND state = 'active')`;
  const res = await getDb().$client.batch(
    [
      {
        sql:
          "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
          `SELECT id, 'active', 'active', 'escalate', 'system', ? FROM alerts WHERE id IN ${due}`,
        args: [nowMs],
      },
      { sql: `UPDATE alerts SET escalated_at = ?, updated_at = ? WHERE id IN ${due}`, args: [nowMs, nowMs] },
      queueDeliveriesStatement(marked, "escalated", nowMs),
      queuePersonEscalationsStatement(marked, nowMs),
    ],
    "write",
  );
  return res[1].rowsAffected;
}

/** Resolved alerts older than `olderThanMs` become expired (kept as history, out of the default lists). */
export async function expireResolved(beforeMs: number, nowMs: number): Promise<number> {
  const res = await getDb().$client.batch(
    [
      {
        sql:
          "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
          "SELECT id, 'resolved', 'expired', 'expire', 'system', ? FROM alerts WHERE state = 'resolved' AND resolved_at < ?",
        args: [nowMs, beforeMs],
      },
      {
        sql: "UPDATE alerts SET state = 'expired', updated_at = ? WHERE state = 'resolved' AND resolved_at < ?",
        args: [nowMs, beforeMs],
      },
    ],
    "write",
  );
  return res[1].rowsAffected;
}

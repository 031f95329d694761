import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { ApiError, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import type { AlertRule, AlertState, RuleInput, RuleKind, Severity } from "./rules";

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

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function rows(sql: string, args: InValue[] = []): Promise<Row[]> {
  return (await getDb().$client.execute({ sql, args })).rows as unknown as Row[];
}

async function batch(statements: InStatement[]): Promise<void> {
  if (statements.length) await getDb().$client.batch(statements, "write");
}

/** SQL rank of a severity column (info 0, warning 1, critical 2). */
const rank = (col: string) => `(CASE ${col} WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)`;
const OPEN = "('active', 'acknowledged')";

// ---------------------------------------------------------------------------------------------------------- rules

const RULE_COLUMNS =
  "id, system_id, kind, name, params, severity, cooldown_ms, escalate_after_ms, enabled, is_default, pending_since, " +
  "created_at, updated_at";

export function toRule(row: Row): AlertRule {
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(String(row.params ?? "{}"));
  } catch {
    params = {};
  }
  return {
    id: Number(row.id),
    systemId: Number(row.system_id),
    kind: String(row.kind) as RuleKind,
    name: String(row.name),
    params,
    severity: String(row.severity) as Severity,
    cooldownMs: Number(row.cooldown_ms),
    escalateAfterMs: num(row.escalate_after_ms),
    enabled: Boolean(Number(row.enabled)),
    isDefault: Boolean(Number(row.is_default)),
    pendingSinceMs: num(row.pending_since),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
  };
}

/** At most this many rules per system. */
export const MAX_RULES_PER_SYSTEM = 50;

export async function listRules(systemId: number): Promise<AlertRule[]> {
  return (await rows(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE system_id = ? ORDER BY id`, [systemId])).map(
    toRule,
  );
}

/** One rule of a system; 404 when it has no such rule. */
export async function getRule(systemId: number, ruleId: number): Promise<AlertRule> {
  const [row] = await rows(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE system_id = ? AND id = ?`, [
    systemId,
    ruleId,
  ]);
  if (!row) throw notFound("Alert rule not found");
  return toRule(row);
}

export interface RuleValues {
  name: string;
  params: Record<string, unknown>;
  severity: Severity;
  cooldownMs: number;
  escalateAfterMs: number | null;
  enabled: boolean;
}

export const ruleValuesOf = (input: RuleInput): RuleValues => ({
  name: input.name,
  params: input.params,
  severity: input.severity,
  cooldownMs: input.cooldownMinutes * 60_000,
  escalateAfterMs: input.escalateAfterMinutes === null ? null : input.escalateAfterMinutes * 60_000,
  enabled: input.enabled,
});

/** Stores a new rule; 409 past MAX_RULES_PER_SYSTEM. */
export async function insertRule(
  systemId: number,
  kind: RuleKind,
  v: RuleValues,
  userId: string | null,
  nowMs = Date.now(),
): Promise<AlertRule> {
  const [row] = await rows(
    "INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, escalate_after_ms, enabled, " +
      "is_default, created_by, created_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ? " +
      "WHERE (SELECT count(*) FROM alert_rules WHERE system_id = ?) < ? " +
      `RETURNING ${RULE_COLUMNS}`,
    [
      systemId,
      kind,
      v.name,
      JSON.stringify(v.params),
      v.severity,
      v.cooldownMs,
      v.escalateAfterMs,
      v.enabled ? 1 : 0,
      userId,
      nowMs,
      nowMs,
      systemId,
      MAX_RULES_PER_SYSTEM,
    ],
  );
  if (!row) throw new ApiError("CONFLICT", `A system can have at most ${MAX_RULES_PER_SYSTEM} alert rules`);
  return toRule(row);
}

/**
 * Replaces a rule's values. A rule switched off, or changed so that its condition means something else, resolves its
 * open alert (the evaluator raises it again if the new rule still matches).
 */
export async function updateRule(
  systemId: number,
  ruleId: number,
  v: RuleValues,
  userId: string,
  nowMs = Date.now(),
): Promise<AlertRule> {
  const statements: InStatement[] = [
    {
      sql:
        "UPDATE alert_rules SET name = ?, params = ?, severity = ?, cooldown_ms = ?, escalate_after_ms = ?, enabled = ?, " +
        "pending_since = NULL, updated_at = ? WHERE system_id = ? AND id = ?",
      args: [
        v.name,
        JSON.stringify(v.params),
        v.severity,
        v.cooldownMs,
        v.escalateAfterMs,
        v.enabled ? 1 : 0,
        nowMs,
        systemId,
        ruleId,
      ],
    },
    ...resolveOpenOfRuleStatements(systemId, ruleId, userId, nowMs, "rule changed"),
  ];
  await batch(statements);
  return getRule(systemId, ruleId);
}

/** Deletes a rule; its open alert is resolved first (history stays, without the rule). */
export async function deleteRule(systemId: number, ruleId: number, userId: string, nowMs = Date.now()) {
  await getRule(systemId, ruleId);
  await batch([
    ...resolveOpenOfRuleStatements(systemId, ruleId, userId, nowMs, "rule deleted"),
    { sql: "DELETE FROM alert_rules WHERE system_id = ? AND id = ?", args: [systemId, ruleId] },
  ]);
}

function resolveOpenOfRuleStatements(
  systemId: number,
  ruleId: number,
  actor: string,
  nowMs: number,
  note: string,
): InStatement[] {
  const open = `(SELECT id FROM alerts WHERE system_id = ${Number(systemId)} AND rule_id = ${Number(ruleId)} AND state IN ${OPEN})`;
  return [
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at, note) " +
        `SELECT id, state, 'resolved', 'resolve', ?, ?, ? FROM alerts WHERE id IN ${open}`,
      args: [actor, nowMs, note],
    },
    queueDeliveriesStatement(open, "resolved", nowMs),
    {
      sql: `UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = ?, updated_at = ? WHERE id IN ${open}`,
      args: [nowMs, actor, nowMs],
    },
  ];
}

/** Records when held-for-a-duration conditions started (or stopped: null), in one batch. */
export async function setPendingSince(changes: Array<{ ruleId: number; sinceMs: number | null }>): Promise<void> {
  await batch(
    changes.map((c) => ({ sql: "UPDATE alert_rules SET pending_since = ? WHERE id = ?", args: [c.sinceMs, c.ruleId] })),
  );
}

// ------------------------------------------------------------------------------------------------- evaluation reads

/** A rule with the open alert it has (if any) and its system's maintenance end: what an evaluation needs. */
export interface RuleWithState {
  rule: AlertRule;
  openAlertId: number | null;
  openAlertState: AlertState | null;
  maintenanceUntilMs: number | null;
  vendorType: string;
}

function toRuleWithState(row: Row): RuleWithState {
  return {
    rule: toRule(row),
    openAlertId: num(row.alert_id),
    openAlertState: str(row.alert_state) as AlertState | null,
    maintenanceUntilMs: num(row.maintenance_until),
    vendorType: String(row.vendor_type),
  };
}

const RULES_WITH_STATE =
  `SELECT ${RULE_COLUMNS.split(", ")
    .map((c) => `r.${c}`)
    .join(", ")}, a.id AS alert_id, a.state AS alert_state, m.maintenance_until, s.vendor_type ` +
  "FROM alert_rules r JOIN systems s ON s.id = r.system_id " +
  `LEFT JOIN alerts a ON a.system_id = r.system_id AND a.rule_id = r.id AND a.state IN ${OPEN} ` +
  "LEFT JOIN alert_settings m ON m.system_id = r.system_id ";

/** The rules of given kinds of one system (enabled ones, and disabled ones that still have an open alert). */
export async function rulesOfSystem(systemId: number, kinds: readonly RuleKind[]): Promise<RuleWithState[]> {
  const found = await rows(
    `${RULES_WITH_STATE} WHERE r.system_id = ? AND r.kind IN (${kinds.map(() => "?").join(", ")}) ` +
      "AND (r.enabled = 1 OR a.id IS NOT NULL)",
    [systemId, ...kinds],
  );
  return found.map(toRuleWithState);
}

/**
 * The same for every system at once (the cron): one query, only the columns an evaluation reads (the row count is
 * rules × systems, so every column costs). Vendor and maintenance come with the system facts.
 */
export async function rulesOfAllSystems(kinds: readonly RuleKind[]): Promise<RuleWithState[]> {
  const found = await rows(
    "SELECT r.id, r.system_id, r.kind, r.params, r.severity, r.enabled, r.pending_since, a.id AS alert_id " +
      `FROM alert_rules r LEFT JOIN alerts a ON a.system_id = r.system_id AND a.rule_id = r.id AND a.state IN ${OPEN} ` +
      `WHERE r.kind IN (${kinds.map(() => "?").join(", ")}) AND (r.enabled = 1 OR a.id IS NOT NULL)`,
    [...kinds],
  );
  return found.map((row) => ({
    rule: {
      id: Number(row.id),
      systemId: Number(row.system_id),
      kind: String(row.kind) as RuleKind,
      name: "",
      params: parseJson(row.params) ?? {},
      severity: String(row.severity) as Severity,
      cooldownMs: 0,
      escalateAfterMs: null,
      enabled: Boolean(Number(row.enabled)),
      isDefault: false,
      pendingSinceMs: num(row.pending_since),
      createdAtMs: 0,
      updatedAtMs: 0,
    },
    openAlertId: num(row.alert_id),
    openAlertState: null,
    maintenanceUntilMs: null,
    vendorType: "",
  }));
}

/** What the cron knows of each system with a rule to check: status, vendor, place, size and last poll. */
export interface SystemFacts {
  id: number;
  vendorType: string;
  status: string;
  displayName: string;
  displayTimezone: string;
  location: { lat?: number; lng?: number } | null;
  solarSize: string | null;
  createdAtMs: number;
  maintenanceUntilMs: number | null;
  lastPollMs: number | null;
  lastSuccessMs: number | null;
  lastErrorCode: string | null;
  consecutiveErrors: number;
}

const parseJson = (v: unknown) => {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(String(v));
  } catch {
    return null;
  }
};

/** Facts of every system that has an enabled rule of the given kinds (one query). */
export async function systemFacts(kinds: readonly RuleKind[]): Promise<SystemFacts[]> {
  const found = await rows(
    "SELECT s.id, s.vendor_type, s.status, s.display_name, s.display_timezone, s.location, s.solar_size, " +
      "s.created_at, p.last_poll_time, p.last_success_time, p.last_error_code, p.consecutive_errors, m.maintenance_until " +
      "FROM systems s LEFT JOIN polling_status p ON p.system_id = s.id LEFT JOIN alert_settings m ON m.system_id = s.id " +
      `WHERE s.status != 'removed' AND s.id IN (SELECT system_id FROM alert_rules WHERE kind IN (${kinds
        .map(() => "?")
        .join(", ")}))`,
    [...kinds],
  );
  return found.map((r) => ({
    id: Number(r.id),
    vendorType: String(r.vendor_type),
    status: String(r.status),
    displayName: String(r.display_name),
    displayTimezone: String(r.display_timezone),
    location: parseJson(r.location),
    solarSize: str(r.solar_size),
    createdAtMs: Number(r.created_at),
    maintenanceUntilMs: num(r.maintenance_until),
    lastPollMs: num(r.last_poll_time),
    lastSuccessMs: num(r.last_success_time),
    lastErrorCode: str(r.last_error_code),
    consecutiveErrors: Number(r.consecutive_errors ?? 0),
  }));
}

/**
 * Average total solar power (W) of each given system over (sinceMs, now], from its 5-minute rows: one query, each
 * solar point read by its primary key range.
 */
export async function solarAverages(systemIds: number[], sinceMs: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < systemIds.length; i += 500) {
    const ids = systemIds.slice(i, i + 500);
    const found = await rows(
      "SELECT a.system_id, AVG(a.avg) AS w, COUNT(*) AS n FROM point_info p JOIN point_readings_agg_5m a " +
        "ON a.system_id = p.system_id AND a.point_id = p.id AND a.interval_end > ? " +
        "WHERE p.type = 'source' AND p.subtype = 'solar' AND p.extension IS NULL AND p.metric_type = 'power' " +
        `AND p.active = 1 AND p.system_id IN (${ids.map(() => "?").join(", ")}) GROUP BY a.system_id`,
      [sinceMs, ...ids],
    );
    for (const r of found) if (r.w !== null) out.set(Number(r.system_id), Number(r.w));
  }
  return out;
}

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
function queueDeliveriesStatement(alertIds: string, event: DeliveryEvent, nowMs: number): InStatement {
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

const ALERT_COLUMNS =
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
  channelId: number;
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
      "SELECT d.id, d.channel_id, c.type, d.event, d.status, d.attempts, d.next_attempt_at, d.last_error, " +
        "d.response_status, d.latency_ms, d.sent_at FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id " +
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
      channelId: Number(r.channel_id),
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

/** Applies a person's action; 409 when the alert's state does not allow it. Returns the alert after. */
export async function applyPersonAction(alert: Alert, a: PersonAction, userId: string, nowMs = Date.now()) {
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
  await batch(statements);
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
 * marks them, records the transition and queues `escalated` deliveries (every channel of the system). Returns how
 * many.
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

/** Open fleet alerts (vendor outages), by vendor type. */
export async function openOutages(): Promise<Map<string, number>> {
  const found = await rows(`SELECT id, vendor_type FROM alerts WHERE system_id IS NULL AND state IN ${OPEN}`);
  return new Map(found.map((r) => [String(r.vendor_type), Number(r.id)]));
}

/** Raises a vendor's fleet alert (one open per vendor) and holds back the open alerts of its systems' given rules. */
export async function openOutage(
  vendorType: string,
  title: string,
  message: string,
  details: Record<string, unknown>,
  nowMs: number,
): Promise<void> {
  await batch([
    {
      sql:
        "INSERT OR IGNORE INTO alerts (system_id, rule_id, vendor_type, kind, severity, state, title, message, details, " +
        "held, fired_at, updated_at) VALUES (NULL, NULL, ?, 'vendor_outage', 'critical', 'active', ?, ?, ?, 0, ?, ?)",
      args: [vendorType, title, message, JSON.stringify(details), nowMs, nowMs],
    },
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
        "SELECT last_insert_rowid(), NULL, 'active', 'fire', 'system', ? WHERE changes() > 0",
      args: [nowMs],
    },
  ]);
}

/** Resolves a vendor's fleet alert and releases its held system alerts that are still open (they are delivered now). */
export async function closeOutage(outageId: number, vendorType: string, nowMs: number): Promise<void> {
  const held = `(SELECT id FROM alerts WHERE vendor_type = '${vendorType.replace(/'/g, "''")}' AND held = 1 AND state IN ${OPEN})`;
  await batch([
    ...resolveStatements(outageId, "system", nowMs, "vendor recovered"),
    { sql: `UPDATE alerts SET held = 0, updated_at = ? WHERE id IN ${held}`, args: [nowMs] },
    queueDeliveriesStatement(
      `(SELECT id FROM alerts WHERE vendor_type = '${vendorType.replace(/'/g, "''")}' AND held = 0 AND updated_at = ${Number(nowMs)} AND state IN ${OPEN} AND system_id IS NOT NULL)`,
      "fired",
      nowMs,
    ),
  ]);
}

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
  channel: {
    id: number;
    type: Channel["type"];
    target: string;
    secret: string | null;
    quietStartMin: number | null;
    quietEndMin: number | null;
  };
  alert: Alert;
  systemName: string | null;
  systemTimezone: string | null;
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
    `SELECT d.id AS delivery_id, d.event, d.attempts, c.id AS channel_id, c.type, c.target, c.secret, c.quiet_start_min, ` +
      `c.quiet_end_min, s.display_name AS system_name, s.display_timezone AS system_tz, ${ALERT_COLUMNS} ` +
      "FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id JOIN alerts a ON a.id = d.alert_id " +
      `LEFT JOIN systems s ON s.id = a.system_id WHERE d.id IN (${ids.map(() => "?").join(", ")}) ORDER BY d.id`,
    ids,
  );
  return found.map((r) => ({
    id: Number(r.delivery_id),
    event: String(r.event) as DeliveryEvent,
    attempts: Number(r.attempts),
    channel: {
      id: Number(r.channel_id),
      type: String(r.type) as Channel["type"],
      target: String(r.target),
      secret: str(r.secret),
      quietStartMin: num(r.quiet_start_min),
      quietEndMin: num(r.quiet_end_min),
    },
    alert: toAlert(r),
    systemName: str(r.system_name),
    systemTimezone: str(r.system_tz),
  }));
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

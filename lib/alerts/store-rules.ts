import "server-only";
import type { InStatement } from "@libsql/client";
import { ApiError, notFound } from "@/lib/api/errors";
import type { AlertRule, AlertState, RuleInput, RuleKind, Severity } from "./rules";
import { getDb } from "@/lib/db/client";
import { Row, num, str, rows, batch, OPEN, parseJson, queueDeliveriesStatement } from "./store-shared";

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
  forgetCachedRules(systemId);
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
  forgetCachedRules(systemId);
  return getRule(systemId, ruleId);
}

/** Deletes a rule; its open alert is resolved first (history stays, without the rule). */
export async function deleteRule(systemId: number, ruleId: number, userId: string, nowMs = Date.now()) {
  await getRule(systemId, ruleId);
  await batch([
    ...resolveOpenOfRuleStatements(systemId, ruleId, userId, nowMs, "rule deleted"),
    { sql: "DELETE FROM alert_rules WHERE system_id = ? AND id = ?", args: [systemId, ruleId] },
  ]);
  forgetCachedRules(systemId);
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
 * How long a process keeps a system's reading rules (with their open alerts and maintenance end) between fetches.
 * Every write of this module family in the same process forgets the system at once (rule added, changed or deleted,
 * maintenance set, an alert acknowledged or resolved by a person, and whatever the evaluator itself wrote); another
 * process's change is seen after at most this long. Staleness is harmless for correctness at write time: firing
 * re-checks that the rule is on and has no open alert, resolving re-checks that the alert is open.
 */
export const RULE_CACHE_TTL_MS = 60_000;

type CacheEntry = { atMs: number; kinds: string; rules: RuleWithState[] };
/** Per database client (each test database is its own), per system. */
const ruleCache = new WeakMap<object, Map<number, CacheEntry>>();
const cacheOfDb = () => {
  const client = getDb().$client as object;
  let m = ruleCache.get(client);
  if (!m) ruleCache.set(client, (m = new Map()));
  return m;
};

/**
 * rulesOfSystem behind the per-process cache (RULE_CACHE_TTL_MS): a steady poll of a system costs no query for its
 * rules. Callers must not mutate what it returns.
 */
export async function cachedRulesOfSystem(systemId: number, kinds: readonly RuleKind[]): Promise<RuleWithState[]> {
  const nowMs = Date.now();
  const cache = cacheOfDb();
  const key = kinds.join(",");
  const hit = cache.get(systemId);
  if (hit && hit.kinds === key && nowMs - hit.atMs < RULE_CACHE_TTL_MS && hit.atMs <= nowMs) return hit.rules;
  const rules = await rulesOfSystem(systemId, kinds);
  if (cache.size > 50_000) cache.clear();
  cache.set(systemId, { atMs: nowMs, kinds: key, rules });
  return rules;
}

/** Forgets the cached rules of a system (all systems when none given): after any write that changes them. */
export function forgetCachedRules(systemId?: number): void {
  if (systemId === undefined) cacheOfDb().clear();
  else cacheOfDb().delete(systemId);
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

/**
 * Average solar power (W) of each given system in the 30-minute buckets ending at `ends` (the same time of day on
 * recent days), averaged over its solar points like solarAverages so the two compare: one indexed lookup per bucket
 * and solar point. A bucket without data is absent (never 0).
 */
export async function solarOnPastDays(
  systemIds: number[],
  ends: number[],
): Promise<Map<number, Array<{ endMs: number; w: number }>>> {
  const out = new Map<number, Array<{ endMs: number; w: number }>>();
  if (!ends.length) return out;
  for (let i = 0; i < systemIds.length; i += 500) {
    const ids = systemIds.slice(i, i + 500);
    const found = await rows(
      "SELECT a.system_id, a.interval_end, AVG(a.avg) AS w FROM point_info p JOIN point_readings_agg_30m a " +
        `ON a.system_id = p.system_id AND a.point_id = p.id AND a.interval_end IN (${ends.map(() => "?").join(", ")}) ` +
        "WHERE p.type = 'source' AND p.subtype = 'solar' AND p.extension IS NULL AND p.metric_type = 'power' " +
        `AND p.active = 1 AND a.avg IS NOT NULL AND p.system_id IN (${ids.map(() => "?").join(", ")}) ` +
        "GROUP BY a.system_id, a.interval_end",
      [...ends, ...ids],
    );
    for (const r of found) {
      const id = Number(r.system_id);
      if (!out.has(id)) out.set(id, []);
      out.get(id)!.push({ endMs: Number(r.interval_end), w: Number(r.w) });
    }
  }
  return out;
}

import "server-only";
import type { InStatement } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { getAdapter } from "@/lib/vendors"; // registers every adapter
import type { AdapterContext } from "@/lib/vendors/types";
import { costVerdict, netsSoFar, type NetSoFar } from "./cost-budget";
import { deliverDue, type DeliveryRun } from "./deliver";
import { pastBucketEnds, productionVerdict, SOLAR_WINDOW_MS } from "./production";
import { CRON_KINDS, paramsOf, type AlertRule } from "./rules";
import {
  closeOutage,
  escalateDue,
  expireResolved,
  fireStatements,
  openOutage,
  openOutages,
  releaseJobLease,
  resolveStatements,
  rulesOfAllSystems,
  setPendingSince,
  solarAverages,
  solarOnPastDays,
  systemFacts,
  takeJobLease,
  writeLifecycle,
  type RuleWithState,
  type SystemFacts,
} from "./store";

const MINUTE_MS = 60_000;
/** Resolved alerts become expired after this long. */
export const EXPIRE_AFTER_MS = 7 * 24 * 3_600_000;
/** The vendor error code of a known maintenance window: never an outage, never an offline alert. */
const MAINTENANCE_CODE = "MAINTENANCE";

export interface OutagePolicy {
  /** At least this many systems of a vendor failing at once … */
  minSystems: number;
  /** … and at least this share of its systems with rules: one fleet alert instead of one per system. */
  minShare: number;
}
export const DEFAULT_OUTAGE_POLICY: OutagePolicy = { minSystems: 5, minShare: 0.5 };

export interface EvaluateOptions {
  now?: Date;
  outage?: OutagePolicy;
  /** Send due deliveries after evaluating (default true). */
  deliver?: boolean;
  /** Lease owner (tests run two "runners"); default a fresh id. */
  owner?: string;
}

export interface AlertRunSummary {
  status: "done" | "leased";
  rules: number;
  systems: number;
  fired: number;
  resolved: number;
  escalated: number;
  expired: number;
  outagesOpened: string[];
  outagesClosed: string[];
  deliveries?: DeliveryRun;
  durationMs: number;
}

type Verdict = { holds: boolean; title: string; message: string; details?: Record<string, unknown> } | null;

/** How often new data normally arrives for this system now (the vendor's cadence, by time of day if it says). */
function cadenceMs(s: SystemFacts, now: Date): number {
  const adapter = getAdapter(s.vendorType);
  const asSystem = {
    id: s.id,
    vendorType: s.vendorType,
    displayTimezone: s.displayTimezone,
    location: s.location,
  } as unknown as AdapterContext["system"];
  try {
    if (adapter?.dataIntervalAt) return adapter.dataIntervalAt(asSystem, now);
  } catch {
    // fall through to the declared interval
  }
  return adapter?.dataIntervalMs ?? MINUTE_MS;
}

const minutesText = (ms: number) => {
  const m = Math.round(ms / MINUTE_MS);
  return m >= 120 ? `${Math.round(m / 60)} hours` : `${m} minutes`;
};

/**
 * Whether the system is offline: no new data for the rule's minutes (and at least two of its vendor's data intervals
 * at this time of day, so a vendor that reports hourly or less often at night is not called offline between
 * reports). A polled system is offline only when its latest poll failed: one its vendor does not poll at night (its
 * schedule says not due) keeps its last good poll and is not offline. Null (no verdict) in a known maintenance window.
 */
function offlineVerdict(rule: AlertRule, s: SystemFacts, nowMs: number, now: Date): Verdict {
  const p = paramsOf({ kind: "offline", params: rule.params });
  const adapter = getAdapter(s.vendorType);
  if (!p || !adapter || adapter.mode === "virtual") return null;
  if (s.lastErrorCode === MAINTENANCE_CODE && s.consecutiveErrors > 0) return null;
  const lastDataMs = s.lastSuccessMs ?? s.createdAtMs;
  const allowedMs = Math.max(p.afterMinutes * MINUTE_MS, 2 * cadenceMs(s, now));
  const stale = nowMs - lastDataMs > allowedMs;
  const failing = adapter.mode === "push" || (s.lastPollMs !== null && s.consecutiveErrors > 0);
  const reason = s.lastErrorCode ? ` (last error: ${s.lastErrorCode})` : "";
  return {
    holds: stale && failing,
    title: `${s.displayName} is offline`,
    message: `No new data from ${s.displayName} for ${minutesText(nowMs - lastDataMs)}${reason}`,
    details: { lastDataMs, allowedMs, errorCode: s.lastErrorCode, consecutiveErrors: s.consecutiveErrors },
  };
}

function verdictOf(
  rule: AlertRule,
  s: SystemFacts,
  nowMs: number,
  now: Date,
  solarW: number | undefined,
  recent: Array<{ endMs: number; w: number }> | undefined,
  nets: Map<string, NetSoFar>,
): Verdict {
  switch (rule.kind) {
    case "offline":
      return offlineVerdict(rule, s, nowMs, now);
    case "vendor_errors":
      return vendorErrorsVerdict(rule, s);
    case "production_drop":
      return productionVerdict(rule, s, solarW, recent, nowMs);
    case "cost_over_budget":
      return costVerdict(rule, s.displayName, nets);
    default:
      return null;
  }
}

function vendorErrorsVerdict(rule: AlertRule, s: SystemFacts): Verdict {
  const p = paramsOf({ kind: "vendor_errors", params: rule.params });
  if (!p) return null;
  if (s.lastErrorCode === MAINTENANCE_CODE && s.consecutiveErrors > 0) return null;
  return {
    holds: s.consecutiveErrors >= p.streak,
    title: `${s.displayName}: vendor errors`,
    message: `${s.consecutiveErrors} polls in a row failed${s.lastErrorCode ? ` (${s.lastErrorCode})` : ""}`,
    details: { consecutiveErrors: s.consecutiveErrors, errorCode: s.lastErrorCode },
  };
}

/**
 * The alerts cron: checks every absence rule (offline, vendor errors, production drop, cost over budget) of every
 * system in a few
 * bulk reads, groups a vendor's failing systems into one fleet alert, escalates and expires, then sends what is
 * queued. Lease-guarded (a second concurrent run answers "leased"); idempotent either way (one open alert per rule
 * and system by a unique index, inserts that ignore a duplicate).
 */
export async function evaluateAlerts(options: EvaluateOptions = {}): Promise<AlertRunSummary> {
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const owner = options.owner ?? randomUUID();
  const summary: AlertRunSummary = {
    status: "done",
    rules: 0,
    systems: 0,
    fired: 0,
    resolved: 0,
    escalated: 0,
    expired: 0,
    outagesOpened: [],
    outagesClosed: [],
    durationMs: 0,
  };
  if (!(await takeJobLease("alerts", owner, Date.now(), 55_000))) {
    return { ...summary, status: "leased", durationMs: Math.round(performance.now() - t0) };
  }
  try {
    await evaluateAbsence(nowMs, now, options.outage ?? DEFAULT_OUTAGE_POLICY, summary);
    summary.escalated = await escalateDue(nowMs);
    summary.expired = await expireResolved(nowMs - EXPIRE_AFTER_MS, nowMs);
    if (options.deliver !== false) summary.deliveries = await deliverDue({ nowMs });
  } finally {
    await releaseJobLease("alerts", owner);
  }
  summary.durationMs = Math.round(performance.now() - t0);
  return summary;
}

/** The rule checks alone (the bench measures them): reads, verdicts, one write batch for what changed. */
export async function evaluateAbsence(
  nowMs: number,
  now: Date,
  policy: OutagePolicy,
  summary: Pick<AlertRunSummary, "rules" | "systems" | "fired" | "resolved" | "outagesOpened" | "outagesClosed">,
): Promise<void> {
  const [facts, rules, outages] = await Promise.all([
    systemFacts(CRON_KINDS),
    rulesOfAllSystems(CRON_KINDS),
    openOutages(),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  summary.rules = rules.length;
  summary.systems = facts.length;
  const dropRules = rules.filter(
    (r) => r.rule.kind === "production_drop" && r.rule.enabled && byId.get(r.rule.systemId)?.location,
  );
  const dropSystems = dropRules.map((r) => r.rule.systemId);
  const recentDays = Math.max(
    0,
    ...dropRules.map((r) => paramsOf({ kind: "production_drop", params: r.rule.params })?.recentDays ?? 0),
  );
  const [solar, recent, nets] = await Promise.all([
    dropSystems.length ? solarAverages(dropSystems, nowMs - SOLAR_WINDOW_MS) : new Map<number, number>(),
    dropSystems.length && recentDays > 0
      ? solarOnPastDays(dropSystems, pastBucketEnds(nowMs, recentDays))
      : new Map<number, Array<{ endMs: number; w: number }>>(),
    netsSoFar(
      rules
        .filter(
          (r) => r.rule.kind === "cost_over_budget" && r.rule.enabled && byId.get(r.rule.systemId)?.status === "active",
        )
        .map((r) => r.rule),
      nowMs,
    ),
  ]);

  const verdicts: Array<{ r: RuleWithState; s: SystemFacts; v: NonNullable<Verdict> }> = [];
  const pending: Array<{ ruleId: number; sinceMs: number | null }> = [];
  const statements: InStatement[] = [];
  for (const r of rules) {
    const s = byId.get(r.rule.systemId);
    if (!s) continue;
    if (!r.rule.enabled) {
      if (r.openAlertId !== null) statements.push(...resolveStatements(r.openAlertId, "system", nowMs, "rule off"));
      continue;
    }
    if (s.status !== "active") continue;
    if (s.maintenanceUntilMs !== null && s.maintenanceUntilMs > nowMs) {
      if (r.rule.pendingSinceMs !== null) pending.push({ ruleId: r.rule.id, sinceMs: null });
      continue;
    }
    const v = verdictOf(r.rule, s, nowMs, now, solar.get(s.id), recent.get(s.id), nets);
    if (!v) {
      // Not judged now (dusk, maintenance window): a condition held for a duration starts over.
      if (r.rule.kind === "production_drop" && r.rule.pendingSinceMs !== null) {
        pending.push({ ruleId: r.rule.id, sinceMs: null });
      }
      continue;
    }
    verdicts.push({ r, s, v });
  }

  // Fleet view: many systems of one vendor failing at once is the vendor's outage, not theirs.
  const failingByVendor = new Map<string, number>();
  const systemsByVendor = new Map<string, number>();
  for (const s of facts)
    if (s.status === "active") systemsByVendor.set(s.vendorType, (systemsByVendor.get(s.vendorType) ?? 0) + 1);
  const failingSystems = new Set<number>();
  for (const { r, s, v } of verdicts) {
    if (v.holds && (r.rule.kind === "offline" || r.rule.kind === "vendor_errors") && !failingSystems.has(s.id)) {
      failingSystems.add(s.id);
      failingByVendor.set(s.vendorType, (failingByVendor.get(s.vendorType) ?? 0) + 1);
    }
  }
  const inOutage = new Set<string>();
  for (const [vendor, total] of systemsByVendor) {
    const failing = failingByVendor.get(vendor) ?? 0;
    const isOutage = failing >= policy.minSystems && failing >= policy.minShare * total;
    if (isOutage) inOutage.add(vendor);
    if (isOutage && !outages.has(vendor)) {
      const name = getAdapter(vendor)?.displayName ?? vendor;
      await openOutage(
        vendor,
        `${name}: vendor outage`,
        `${failing} of ${total} ${name} systems are failing at once; their own alerts are held back until it clears`,
        { failing, total },
        nowMs,
      );
      summary.outagesOpened.push(vendor);
    }
  }

  for (const { r, s, v } of verdicts) {
    const rule = r.rule;
    if (!v.holds) {
      if (rule.pendingSinceMs !== null) pending.push({ ruleId: rule.id, sinceMs: null });
      if (r.openAlertId !== null) {
        statements.push(...resolveStatements(r.openAlertId, "system", nowMs, "condition cleared"));
        summary.resolved++;
      }
      continue;
    }
    if (r.openAlertId !== null) continue;
    const forMs =
      rule.kind === "production_drop"
        ? (paramsOf({ kind: "production_drop", params: rule.params })?.forMinutes ?? 0) * MINUTE_MS
        : 0;
    if (forMs > 0) {
      const since = rule.pendingSinceMs ?? nowMs;
      if (rule.pendingSinceMs === null) pending.push({ ruleId: rule.id, sinceMs: since });
      if (nowMs - since < forMs) continue;
    }
    const held = inOutage.has(s.vendorType) && (rule.kind === "offline" || rule.kind === "vendor_errors");
    statements.push(
      ...fireStatements(
        {
          systemId: s.id,
          ruleId: rule.id,
          vendorType: s.vendorType,
          kind: rule.kind,
          severity: rule.severity,
          title: v.title,
          message: v.message,
          details: v.details,
          held,
        },
        nowMs,
      ),
    );
    summary.fired++;
  }
  await setPendingSince(pending);
  await writeLifecycle(statements);

  // A vendor whose outage cleared: its fleet alert resolves and its systems' alerts still open are delivered now.
  for (const [vendor, outageId] of outages) {
    if (inOutage.has(vendor)) continue;
    await closeOutage(outageId, vendor, nowMs);
    summary.outagesClosed.push(vendor);
  }
}

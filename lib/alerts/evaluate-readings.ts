import "server-only";
import type { InStatement } from "@libsql/client";
import { DateTime } from "luxon";
import { paramsOf, READING_KINDS, type AlertRule } from "./rules";
import {
  cachedRulesOfSystem,
  fireStatements,
  forgetCachedRules,
  resolveStatements,
  setPendingSince,
  writeLifecycle,
} from "./store";

/** The newest value of a point in what a poll or push just stored (display sign, canonical unit). */
export interface LatestReading {
  pointId: number;
  value: number | null;
  valueStr: string | null;
  measurementTimeMs: number;
}

/** What the evaluator needs to know of a point. */
export interface PointFacts {
  displayName?: string;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  metricUnit?: string;
}

export interface ReadingEvaluation {
  rules: number;
  fired: number;
  resolved: number;
}

/** A counter that stepped backwards in what a fetch stored (lib/aggregation finds them while reducing). */
export interface CounterResetSeen {
  pointId: number;
  timeMs: number;
  from: number;
  to: number;
}

/** Minutes either side of local midnight in which a reset is a daily counter's rollover (a vendor's day totals). */
const ROLLOVER_MINUTES = 10;

/** Whether a reset is a daily counter starting its new day (at local midnight): expected, never alerted. */
export function isDailyRollover(reset: Pick<CounterResetSeen, "timeMs">, zone: string): boolean {
  const local = DateTime.fromMillis(reset.timeMs, { zone });
  if (!local.isValid) return false;
  const minute = local.hour * 60 + local.minute;
  return minute <= ROLLOVER_MINUTES || minute >= 24 * 60 - ROLLOVER_MINUTES;
}

/** What one rule concludes from a batch: true/false, or null when the batch says nothing about it. */
export type Verdict = {
  holds: boolean;
  atMs: number;
  title: string;
  message: string;
  details?: Record<string, unknown>;
};

const isBatteryLevel = (p: PointFacts) =>
  p.metricType === "soc" && p.subtype === "battery" && (p.extension === null || p.extension === "");
const isFault = (p: PointFacts) => p.metricType === "text" && p.extension === "fault";
const faultShown = (s: string | null) => s !== null && s.trim() !== "" && s.trim() !== "0";

const isGridState = (p: PointFacts) =>
  p.metricType === "text" && p.subtype === "grid" && (p.extension === "status" || p.extension === "island");
const OFF_GRID = new Set(["inactive", "disabled", "off", "down", "island", "islanded", "off_grid"]);
const ON_GRID = new Set(["active", "on", "connected", "on_grid", "idle", "grid_connected"]);

/**
 * What a grid status or island point says: true off the grid, false on it, null unknown. Vendors report grid
 * status as Active / Inactive, island status as on_grid / off_grid(_intentional|_unintentional), or a power flow's
 * GRID status (Active / Idle / Disabled): docs/vendors/ names which sends what.
 */
export function offGrid(valueStr: string | null): boolean | null {
  const v = (valueStr ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (!v) return null;
  if (OFF_GRID.has(v) || v.startsWith("off_grid")) return true;
  if (ON_GRID.has(v)) return false;
  return null;
}

/** One rule against one batch (pure; table-tested). */
export function readingVerdict(
  rule: AlertRule,
  latest: LatestReading[],
  points: Map<number, PointFacts>,
  allResets: CounterResetSeen[] = [],
  zone = "UTC",
): Verdict | null {
  if (rule.kind === "counter_reset") {
    // An event, not a state: it fires on a reset and stays until a person resolves it (a batch without one says
    // nothing). A daily counter's rollover at local midnight is expected.
    const resets = allResets.filter((r) => !isDailyRollover(r, zone));
    if (!resets.length) return null;
    const first = resets[0];
    const name = points.get(first.pointId)?.displayName ?? `Point ${first.pointId}`;
    const more = resets.length > 1 ? ` (and ${resets.length - 1} more)` : "";
    return {
      holds: true,
      atMs: first.timeMs,
      title: rule.name,
      message: `${name} stepped back from ${first.from} to ${first.to}${more}; the step counts as 0 energy`,
      details: { pointId: first.pointId, timeMs: first.timeMs, from: first.from, to: first.to, count: resets.length },
    };
  }
  if (!latest.length) return null;
  const newestMs = Math.max(...latest.map((l) => l.measurementTimeMs));
  if (rule.kind === "threshold") {
    const p = paramsOf({ kind: "threshold", params: rule.params });
    const reading = p && latest.find((l) => l.pointId === p.pointId);
    if (!p || !reading || reading.value === null) return null;
    const v = reading.value;
    const holds = p.op === "above" ? v > p.value : p.op === "below" ? v < p.value : v === p.value;
    const point = points.get(p.pointId);
    const unit = point?.metricUnit ? ` ${point.metricUnit}` : "";
    return {
      holds,
      atMs: reading.measurementTimeMs,
      title: rule.name,
      message: `${point?.displayName ?? `Point ${p.pointId}`} is ${v}${unit}, ${p.op} ${p.value}${unit}`,
      details: { pointId: p.pointId, value: v, op: p.op, threshold: p.value },
    };
  }
  if (rule.kind === "battery_low") {
    const p = paramsOf({ kind: "battery_low", params: rule.params });
    const reading =
      p && latest.find((l) => l.value !== null && points.get(l.pointId) && isBatteryLevel(points.get(l.pointId)!));
    if (!p || !reading) return null;
    return {
      holds: reading.value! < p.belowPercent,
      atMs: reading.measurementTimeMs,
      title: rule.name,
      message: `Battery at ${Math.round(reading.value!)} %, below ${p.belowPercent} %`,
      details: { value: reading.value, belowPercent: p.belowPercent },
    };
  }
  if (rule.kind === "fault_code") {
    // Vendors report a fault point only while there is a fault (or a code 0 for none): a batch without one clears it.
    const fault = latest.find(
      (l) => points.get(l.pointId) && isFault(points.get(l.pointId)!) && faultShown(l.valueStr),
    );
    return {
      holds: fault !== undefined,
      atMs: fault?.measurementTimeMs ?? newestMs,
      title: rule.name,
      message: fault ? `The inverter reports fault ${fault.valueStr!.trim().slice(0, 80)}` : "No fault reported",
      details: fault ? { code: fault.valueStr!.trim().slice(0, 80) } : undefined,
    };
  }
  if (rule.kind === "grid_outage") {
    const states = latest
      .filter((l) => points.get(l.pointId) && isGridState(points.get(l.pointId)!))
      .map((l) => ({ l, off: offGrid(l.valueStr) }))
      .filter((x) => x.off !== null);
    if (!states.length) return null;
    const off = states.find((x) => x.off);
    const shown = (off ?? states[0]).l;
    return {
      holds: off !== undefined,
      atMs: shown.measurementTimeMs,
      title: rule.name,
      message: off
        ? `The site reports it is off the grid (${off.l.valueStr!.trim().slice(0, 40)})`
        : "The site is on the grid",
      details: off ? { status: off.l.valueStr!.trim().slice(0, 40) } : undefined,
    };
  }
  return null;
}

const forMsOf = (rule: AlertRule): number => {
  const p = rule.params as { forMinutes?: unknown };
  return typeof p.forMinutes === "number" && Number.isFinite(p.forMinutes) ? p.forMinutes * 60_000 : 0;
};

/**
 * Checks the reading rules (threshold, battery low, fault code, grid outage, counter reset) of one system against
 * what a poll or push just stored: the rules with their open alerts come from a per-process cache (at most one query
 * a minute per system, store-rules RULE_CACHE_TTL_MS), then writes only where something changed. A condition
 * held for a duration counts from its first reading (measurement time), so replaying the same data changes nothing.
 * Maintenance mode suppresses everything. Never throws: an alert failure must not fail the poll.
 */
export async function evaluateReadings(
  systemId: number,
  latest: LatestReading[],
  points: Map<number, PointFacts>,
  nowMs: number,
  resets: CounterResetSeen[] = [],
  zone = "UTC",
): Promise<ReadingEvaluation> {
  const result: ReadingEvaluation = { rules: 0, fired: 0, resolved: 0 };
  try {
    if (!latest.length && !resets.length) return result;
    const rules = await cachedRulesOfSystem(systemId, READING_KINDS);
    result.rules = rules.length;
    if (!rules.length) return result;
    const statements: InStatement[] = [];
    const pending: Array<{ ruleId: number; sinceMs: number | null }> = [];
    for (const { rule, openAlertId, maintenanceUntilMs, vendorType } of rules) {
      if (maintenanceUntilMs !== null && maintenanceUntilMs > nowMs) continue;
      const verdict = readingVerdict(rule, latest, points, resets, zone);
      if (!verdict) continue;
      if (!rule.enabled) {
        if (openAlertId !== null) statements.push(...resolveStatements(openAlertId, "system", nowMs, "rule off"));
        continue;
      }
      if (!verdict.holds) {
        if (rule.pendingSinceMs !== null) pending.push({ ruleId: rule.id, sinceMs: null });
        if (openAlertId !== null) {
          statements.push(...resolveStatements(openAlertId, "system", nowMs, "condition cleared"));
          result.resolved++;
        }
        continue;
      }
      if (openAlertId !== null) continue;
      const since = rule.pendingSinceMs ?? verdict.atMs;
      if (rule.pendingSinceMs === null && forMsOf(rule) > 0) pending.push({ ruleId: rule.id, sinceMs: since });
      if (verdict.atMs - since < forMsOf(rule)) continue;
      statements.push(
        ...fireStatements(
          {
            systemId,
            ruleId: rule.id,
            vendorType,
            kind: rule.kind,
            severity: rule.severity,
            title: verdict.title,
            message: verdict.message,
            details: verdict.details,
          },
          nowMs,
        ),
      );
      result.fired++;
    }
    if (pending.length || statements.length) {
      await setPendingSince(pending);
      await writeLifecycle(statements);
      forgetCachedRules(systemId);
    }
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: "alert evaluation failed", systemId, error: String(err) }));
  }
  return result;
}

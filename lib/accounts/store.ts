import "server-only";
import { deleteDayRange } from "@/lib/db/queries/day-range";
import type { InStatement, InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/coalesce";
import type { Before } from "./channels";
import { packTotals, unpackTotals, type Totals } from "./totals";
import { ACCOUNT_FLOWS, ATTRIBUTION_LINKS, type AccountFlow, type Provenance } from "./types";

/** Per counter point: its newest row at or before `atMs` and its first row after `afterMs` (ends, ms). */
export async function counterBounds(
  systemId: number,
  pointIds: number[],
  atMs: number,
  afterMs: number,
): Promise<Map<number, { before: Before | null; nextEndMs: number | null }>> {
  const out = new Map<number, { before: Before | null; nextEndMs: number | null }>();
  if (!pointIds.length) return out;
  const args: InValue[] = [];
  const selects = pointIds.map((id) => {
    args.push(id, systemId, id, atMs, systemId, id, afterMs);
    return (
      "SELECT ? AS p, (SELECT interval_end || ',' || coalesce(last, '') FROM point_readings_agg_5m WHERE system_id = ? " +
      "AND point_id = ? AND interval_end <= ? AND delta IS NOT NULL ORDER BY interval_end DESC LIMIT 1) AS b, " +
      "(SELECT interval_end FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? AND interval_end > ? " +
      "AND delta IS NOT NULL ORDER BY interval_end LIMIT 1) AS n"
    );
  });
  for (const r of await queryRows(selects.join(" UNION ALL "), args)) {
    let before: Before | null = null;
    if (r[1] !== null) {
      const [end, last] = String(r[1]).split(",");
      before = { endMs: Number(end), last: last === "" ? null : Number(last) };
    }
    out.set(Number(r[0]), { before, nextEndMs: r[2] === null ? null : Number(r[2]) });
  }
  return out;
}

/** One point's stored 5-minute values in a window: interval indexes (1 = the first after the window's start). */
export interface PointValues {
  index: number[];
  avg?: Array<number | null>;
  delta?: Array<number | null>;
  last?: Array<number | null>;
  samples?: number[];
}

/**
 * Stored 5-minute values of one system's points with end in (afterMs, untilMs]: power points' averages, energy
 * points' delta, last and sample count, per point as JSON arrays built in SQL (handing thousands of rows to JS
 * one by one costs more than the query). A point whose rows are contiguous needs no list of times; one with holes
 * is read again with them.
 */
export async function loadLedgerValues(
  systemId: number,
  powerIds: number[],
  energyIds: number[],
  afterMs: number,
  untilMs: number,
): Promise<Map<number, PointValues>> {
  const out = new Map<number, PointValues>();
  if (untilMs <= afterMs) return out;
  const where = "FROM point_readings_agg_5m WHERE system_id = ?1 AND point_id IN ";
  const range = "AND interval_end > ?2 AND interval_end <= ?3 GROUP BY point_id";
  const read = async (ids: number[], fields: Array<keyof Omit<PointValues, "index">>, columns: string[]) => {
    if (!ids.length) return;
    const rows = await queryRows(
      `SELECT point_id, min(interval_end), max(interval_end), count(*), ` +
        `${columns.map((c) => `json_group_array(${c})`).join(", ")} ${where}(${ids.join(",")}) ${range}`,
      [systemId, afterMs, untilMs],
    );
    const holes: number[] = [];
    for (const r of rows) {
      const [pointId, lo, hi, n] = r.slice(0, 4).map(Number);
      const first = (lo - afterMs) / 300_000;
      const v: PointValues = { index: [] };
      fields.forEach((f, k) => ((v as unknown as Record<string, unknown>)[f] = JSON.parse(String(r[4 + k]))));
      if ((hi - lo) / 300_000 + 1 === n) v.index = Array.from({ length: n }, (_, k) => first + k);
      else holes.push(pointId);
      out.set(pointId, v);
    }
    if (!holes.length) return;
    const times = await queryRows(
      `SELECT point_id, json_group_array((interval_end - ?2) / 300000) ${where}(${holes.join(",")}) ${range}`,
      [systemId, afterMs, untilMs],
    );
    for (const [pointId, text] of times) out.get(Number(pointId))!.index = JSON.parse(String(text));
  };
  await read(powerIds, ["avg"], ["avg"]);
  await read(energyIds, ["delta", "last", "samples"], ["delta", "last", "sample_count"]);
  return out;
}

/** A stored day: its sums and flags. */
export interface StoredDay {
  day: string;
  startMs: number;
  endMs: number;
  complete: boolean;
  totals: Totals;
}

const FLOW_COLUMNS: Record<AccountFlow, string> = {
  solar: "solar_wh",
  load: "load_wh",
  batteryCharge: "battery_charge_wh",
  batteryDischarge: "battery_discharge_wh",
  gridImport: "grid_import_wh",
  gridExport: "grid_export_wh",
};
const LINK_COLUMN = (k: string) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_wh`;

const COLUMNS = [
  "system_id",
  "day",
  "start_ms",
  "end_ms",
  ...ACCOUNT_FLOWS.map((f) => FLOW_COLUMNS[f]),
  ...ATTRIBUTION_LINKS.map(LINK_COLUMN),
  "self_consumption_pct",
  "self_sufficiency_pct",
  "provenance",
  "intervals",
  "with_data",
  "complete",
  "totals",
  "computed_at",
];
const INSERT =
  `INSERT INTO energy_daily (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(",")}) ` +
  `ON CONFLICT (system_id, day) DO UPDATE SET ${COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}`;

/** What a day row stores beside its totals (the flat columns are for SQL readers and people). */
export interface DayRowValues extends StoredDay {
  provenance: Record<AccountFlow, Provenance>;
  selfConsumptionPct: number | null;
  selfSufficiencyPct: number | null;
}

/** Upserts day rows of one system (one write batch), and removes the listed days that have no row any more. */
export async function writeDays(
  systemId: number,
  rows: DayRowValues[],
  nowMs: number,
  clearDays: string[] = [],
): Promise<number> {
  const statements: InStatement[] = [];
  for (const part of chunk(clearDays, 200)) {
    statements.push({
      sql: `DELETE FROM energy_daily WHERE system_id = ? AND day IN (${part.map(() => "?").join(",")})`,
      args: [systemId, ...part],
    });
  }
  for (const r of rows) {
    const t = r.totals;
    const args: InValue[] = [systemId, r.day, r.startMs, r.endMs];
    for (const f of ACCOUNT_FLOWS) args.push(t.flows[f].known ? t.flows[f].wh : null);
    for (const k of ATTRIBUTION_LINKS) args.push(t.attributed ? t.attribution[k] : null);
    args.push(r.selfConsumptionPct, r.selfSufficiencyPct, JSON.stringify(r.provenance), t.intervals, t.withData);
    args.push(r.complete ? 1 : 0, packTotals(t), nowMs);
    statements.push({ sql: INSERT, args });
  }
  if (statements.length) await getDb().$client.batch(statements, "write");
  return rows.length;
}

/** Stored day rows of one system for days from..to inclusive (either open), oldest first. */
export async function loadDays(systemId: number, fromDay: string | null, toDay: string | null): Promise<StoredDay[]> {
  const rows = await queryRows(
    "SELECT day, start_ms, end_ms, complete, totals FROM energy_daily WHERE system_id = ? AND day >= ? AND day <= ? " +
      "ORDER BY day",
    [systemId, fromDay ?? "0000-00-00", toDay ?? "9999-99-99"],
  );
  return rows.map((r) => ({
    day: String(r[0]),
    startMs: Number(r[1]),
    endMs: Number(r[2]),
    complete: Number(r[3]) === 1,
    totals: unpackTotals(String(r[4])),
  }));
}

/**
 * Where a system's data starts: its first accounts day, first daily-aggregate day, and first 5-minute interval
 * end (ms; one key seek per point), each null when absent.
 */
export async function firstData(
  systemId: number,
): Promise<{ accountsDay: string | null; dailyDay: string | null; fiveMinuteEndMs: number | null }> {
  const rows = await queryRows(
    "SELECT (SELECT min(day) FROM energy_daily WHERE system_id = ?1), " +
      "(SELECT min((SELECT min(day) FROM point_readings_agg_1d d WHERE d.system_id = ?1 AND d.point_id = p.id)) " +
      "FROM point_info p WHERE p.system_id = ?1), " +
      "(SELECT min((SELECT min(interval_end) FROM point_readings_agg_5m a WHERE a.system_id = ?1 " +
      "AND a.point_id = p.id)) FROM point_info p WHERE p.system_id = ?1)",
    [systemId],
  );
  const [a, d, f] = rows[0] ?? [null, null, null];
  return {
    accountsDay: a == null ? null : String(a),
    dailyDay: d == null ? null : String(d),
    fiveMinuteEndMs: f == null ? null : Number(f),
  };
}

/** Days that have daily aggregates but no accounts row yet (oldest first, at most `limit`). */
export async function daysWithoutAccounts(systemId: number, limit: number): Promise<string[]> {
  const rows = await queryRows(
    "SELECT DISTINCT day FROM point_readings_agg_1d WHERE system_id = ?1 AND day NOT IN " +
      "(SELECT day FROM energy_daily WHERE system_id = ?1) ORDER BY day LIMIT ?2",
    [systemId, limit],
  );
  return rows.map((r) => String(r[0]));
}

/** Deletes accounts rows of one system (or all) in an optional day range. */
export async function clearDays(systemId: number | null, fromDay?: string, toDay?: string): Promise<number> {
  return deleteDayRange("energy_daily", systemId, fromDay, toDay);
}

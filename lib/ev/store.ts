import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/coalesce";
import type { ChargingSession, SessionDetail } from "./types";

const COLUMNS =
  "charger_key, start_ms, end_ms, day, charger_name, source, ongoing, energy_wh, peak_w, charger_kind, location, " +
  "distance_m, solar_wh, battery_wh, grid_wh, unattributed_wh, solar_share_pct, cost_cents, emissions_g, " +
  "battery_start_pct, battery_end_pct, detail";

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toSession(r: unknown[]): ChargingSession {
  const chargerKey = String(r[0]);
  const startMs = Number(r[1]);
  return {
    id: `${chargerKey}@${startMs}`,
    chargerKey,
    startMs,
    endMs: Number(r[2]),
    day: String(r[3]),
    chargerName: String(r[4]),
    source: String(r[5]) as ChargingSession["source"],
    ongoing: Number(r[6]) === 1,
    energyWh: num(r[7]),
    peakW: num(r[8]),
    chargerKind: (r[9] as ChargingSession["chargerKind"]) ?? null,
    location: String(r[10]) as ChargingSession["location"],
    distanceM: num(r[11]),
    supply: { solarWh: num(r[12]), batteryWh: num(r[13]), gridWh: num(r[14]), unattributedWh: num(r[15]) },
    solarSharePct: num(r[16]),
    costCents: num(r[17]),
    emissionsG: num(r[18]),
    batteryStartPct: num(r[19]),
    batteryEndPct: num(r[20]),
    detail: JSON.parse(String(r[21])) as SessionDetail,
  };
}

/** Stored sessions of one system starting on local days from..to (inclusive), oldest first. */
export async function loadSessions(systemId: number, from: string, to: string): Promise<ChargingSession[]> {
  const rows = await queryRows(
    `SELECT ${COLUMNS} FROM charging_sessions WHERE system_id = ? AND day >= ? AND day <= ? ORDER BY start_ms, charger_key`,
    [systemId, from, to],
  );
  return rows.map(toSession);
}

/** The local days from..to whose sessions are stored. */
export async function loadSessionDays(systemId: number, from: string, to: string): Promise<Set<string>> {
  const rows = await queryRows("SELECT day FROM charging_session_days WHERE system_id = ? AND day >= ? AND day <= ?", [
    systemId,
    from,
    to,
  ]);
  return new Set(rows.map((r) => String(r[0])));
}

/**
 * Replaces the stored sessions of some local days with `sessions` (each must start on one of them) in one write
 * batch, and records the days as stored: running it again with the same input changes nothing.
 */
export async function replaceSessionDays(
  systemId: number,
  days: string[],
  sessions: ChargingSession[],
  nowMs: number,
): Promise<void> {
  if (!days.length) return;
  const statements: InStatement[] = [];
  for (const part of chunk(days, 200)) {
    statements.push({
      sql: `DELETE FROM charging_sessions WHERE system_id = ? AND day IN (${part.map(() => "?").join(",")})`,
      args: [systemId, ...part],
    });
  }
  for (const s of sessions) {
    const args: InValue[] = [
      systemId,
      s.chargerKey,
      s.startMs,
      s.endMs,
      s.day,
      s.chargerName,
      s.source,
      s.ongoing ? 1 : 0,
      s.energyWh,
      s.peakW,
      s.chargerKind,
      s.location,
      s.distanceM,
      s.supply.solarWh,
      s.supply.batteryWh,
      s.supply.gridWh,
      s.supply.unattributedWh,
      s.solarSharePct,
      s.costCents,
      s.emissionsG,
      s.batteryStartPct,
      s.batteryEndPct,
      JSON.stringify(s.detail),
      nowMs,
    ];
    statements.push({
      sql: `INSERT OR REPLACE INTO charging_sessions (system_id, ${COLUMNS}, computed_at) VALUES (${args.map(() => "?").join(",")})`,
      args,
    });
  }
  for (const d of days) {
    statements.push({
      sql: "INSERT OR REPLACE INTO charging_session_days (system_id, day, computed_at) VALUES (?, ?, ?)",
      args: [systemId, d, nowMs],
    });
  }
  await getDb().$client.batch(statements, "write");
}

/** One point's 5-minute row as the session detection reads it. */
export interface EvPointValue {
  pointId: number;
  endMs: number;
  max: number | null;
  last: number | null;
  text: string | null;
}

/** 5-minute rows of some points of one system with end in (afterMs, untilMs]. */
export async function loadEvPointValues(
  systemId: number,
  pointIds: number[],
  afterMs: number,
  untilMs: number,
): Promise<EvPointValue[]> {
  if (!pointIds.length) return [];
  const rows = await queryRows(
    "SELECT point_id, interval_end, max, last, value_str FROM point_readings_agg_5m WHERE system_id = ? " +
      `AND point_id IN (${pointIds.map(() => "?").join(",")}) AND interval_end > ? AND interval_end <= ?`,
    [systemId, ...pointIds, afterMs, untilMs],
  );
  return rows.map((r) => ({
    pointId: Number(r[0]),
    endMs: Number(r[1]),
    max: num(r[2]),
    last: num(r[3]),
    text: r[4] === null || r[4] === undefined ? null : String(r[4]),
  }));
}

/** Deletes stored sessions (and their day marks) of one system (or all) in an optional local day range. */
export async function clearSessionDays(systemId: number | null, fromDay?: string, toDay?: string): Promise<void> {
  const where: string[] = [];
  const args: InValue[] = [];
  if (systemId !== null) {
    where.push("system_id = ?");
    args.push(systemId);
  }
  if (fromDay) {
    where.push("day >= ?");
    args.push(fromDay);
  }
  if (toDay) {
    where.push("day <= ?");
    args.push(toDay);
  }
  const clause = where.length ? ` WHERE ${where.join(" AND ")}` : "";
  await getDb().$client.batch(
    [
      { sql: `DELETE FROM charging_sessions${clause}`, args },
      { sql: `DELETE FROM charging_session_days${clause}`, args },
    ],
    "write",
  );
}

/** One 5-minute value of a point: its `last` and the interval's end. */
export interface PointSample {
  value: number;
  endMs: number;
}

/**
 * A counter point's (odometer's) newest 5-minute value ending at or before `fromMs`, and its first and newest
 * values ending in (fromMs, toMs]; null where there is none.
 */
export async function counterBounds(
  systemId: number,
  pointId: number,
  fromMs: number,
  toMs: number,
): Promise<{ before: PointSample | null; first: PointSample | null; last: PointSample | null }> {
  const base =
    "SELECT last, interval_end FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? AND last IS NOT NULL AND ";
  const one = async (where: string, order: "ASC" | "DESC", args: InValue[]): Promise<PointSample | null> => {
    const [r] = await queryRows(`${base}${where} ORDER BY interval_end ${order} LIMIT 1`, [systemId, pointId, ...args]);
    return r ? { value: Number(r[0]), endMs: Number(r[1]) } : null;
  };
  const [before, first, last] = await Promise.all([
    one("interval_end <= ?", "DESC", [fromMs]),
    one("interval_end > ? AND interval_end <= ?", "ASC", [fromMs, toMs]),
    one("interval_end > ? AND interval_end <= ?", "DESC", [fromMs, toMs]),
  ]);
  return { before, first, last };
}

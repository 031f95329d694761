import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import type { IntervalPrice } from "@/lib/tariffs/types";
import type { CostDayRow } from "./compute";

/** A stored cost day and the accounts computation it was priced from. */
export interface StoredCostDay extends CostDayRow {
  accountsComputedAt: number | null;
}

/** A stored cost day as read, with the current accounts computation of the day (null: no accounts row). */
export interface LoadedCostDay extends StoredCostDay {
  currentAccountsAt: number | null;
}

const COLUMNS = [
  "system_id",
  "day",
  "start_ms",
  "end_ms",
  "plan_id",
  "plan_version",
  "import_cents",
  "export_cents",
  "supply_cents",
  "controlled_load_cents",
  "demand_peak_w",
  "cf_no_solar_cents",
  "cf_no_solar_peak_w",
  "cf_solar_only_cents",
  "cf_solar_only_peak_w",
  "import_g",
  "avoided_g",
  "intervals",
  "unknown_intervals",
  "estimated",
  "accounts_computed_at",
  "carbon_kg_per_kwh",
  "computed_at",
];
const INSERT =
  `INSERT INTO costs_daily (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(",")}) ` +
  `ON CONFLICT (system_id, day) DO UPDATE SET ${COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}`;

/** Upserts cost days of one system in one write batch. */
export async function writeCostDays(systemId: number, rows: StoredCostDay[], nowMs: number): Promise<number> {
  return writeCostRows(
    rows.map((r) => ({ ...r, systemId })),
    nowMs,
  );
}

/** Upserts cost days of any systems in one write batch. */
export async function writeCostRows(rows: Array<StoredCostDay & { systemId: number }>, nowMs: number): Promise<number> {
  if (!rows.length) return 0;
  const statements: InStatement[] = rows.map((r) => ({
    sql: INSERT,
    args: [
      r.systemId,
      r.day,
      r.startMs,
      r.endMs,
      r.planId,
      r.planVersion,
      r.importCents,
      r.exportCents,
      r.supplyCents,
      r.controlledLoadCents,
      r.demandPeakW,
      r.cfNoSolarCents,
      r.cfNoSolarPeakW,
      r.cfSolarOnlyCents,
      r.cfSolarOnlyPeakW,
      r.importG,
      r.avoidedG,
      r.intervals,
      r.unknownIntervals,
      r.estimated ? 1 : 0,
      r.accountsComputedAt,
      r.carbonKgPerKwh ?? null,
      nowMs,
    ],
  }));
  await getDb().$client.batch(statements, "write");
  return rows.length;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Stored cost days of a system, from..to inclusive, oldest first, each with its accounts row's computed_at (one
 * read: a valid row needs no second look).
 */
export async function loadCostDays(systemId: number, from: string, to: string): Promise<LoadedCostDay[]> {
  const rows = await queryRows(
    `SELECT ${COLUMNS.slice(1, -1)
      .map((c) => `c.${c}`)
      .join(", ")}, e.computed_at FROM costs_daily c ` +
      // The planner would look each day up by energy_daily's primary key, which reads the whole wide row.
      "LEFT JOIN energy_daily e INDEXED BY energy_daily_computed_at " +
      "ON e.system_id = c.system_id AND e.day = c.day WHERE c.system_id = ? AND c.day >= ? AND c.day <= ? ORDER BY c.day",
    [systemId, from, to],
  );
  return rows.map((r) => ({
    day: String(r[0]),
    startMs: Number(r[1]),
    endMs: Number(r[2]),
    planId: num(r[3]),
    planVersion: num(r[4]),
    importCents: num(r[5]),
    exportCents: num(r[6]),
    supplyCents: num(r[7]),
    controlledLoadCents: num(r[8]),
    demandPeakW: num(r[9]),
    cfNoSolarCents: num(r[10]),
    cfNoSolarPeakW: num(r[11]),
    cfSolarOnlyCents: num(r[12]),
    cfSolarOnlyPeakW: num(r[13]),
    importG: num(r[14]),
    avoidedG: num(r[15]),
    intervals: Number(r[16]),
    unknownIntervals: Number(r[17]),
    estimated: Number(r[18]) === 1,
    accountsComputedAt: num(r[19]),
    carbonKgPerKwh: num(r[20]),
    currentAccountsAt: num(r[21]),
  }));
}

/** When each stored accounts day of a system in from..to was computed (energy_daily.computed_at). */
export async function accountsComputedAt(systemId: number, from: string, to: string): Promise<Map<string, number>> {
  const rows = await queryRows(
    "SELECT day, computed_at FROM energy_daily WHERE system_id = ? AND day >= ? AND day <= ?",
    [systemId, from, to],
  );
  return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
}

/**
 * Vendor prices and the grid's renewables share per 5-minute interval end in (afterMs, untilMs] of some systems:
 * grid import and export price points (c/kWh; an export price below 0 means paid, so the feed-in credit is its
 * negation) and the renewables percent point.
 */
export async function loadVendorPrices(
  systemIds: number[],
  afterMs: number,
  untilMs: number,
): Promise<{ prices: Map<number, IntervalPrice>; renewablesPct: Map<number, number> }> {
  const prices = new Map<number, IntervalPrice>();
  const renewablesPct = new Map<number, number>();
  if (!systemIds.length) return { prices, renewablesPct };
  // The price points first (a few rows), then their 5-minute values by primary key; most systems have none.
  const points = await queryRows(
    `SELECT system_id, id, extension, metric_type FROM point_info WHERE system_id IN (${systemIds.map(() => "?").join(",")}) ` +
      "AND type = 'bidi' AND subtype = 'grid' AND ((metric_type = 'price' AND extension IN ('import', 'export')) " +
      "OR (metric_type = 'percent' AND extension = 'renewables'))",
    systemIds,
  );
  if (!points.length) return { prices, renewablesPct };
  const kind = new Map(points.map((p) => [`${p[0]}:${p[1]}`, [p[2], p[3]] as const]));
  const rows: unknown[][] = [];
  for (const [sid, pid] of points) {
    for (const r of await queryRows(
      "SELECT interval_end, avg FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? " +
        "AND interval_end > ? AND interval_end <= ? AND avg IS NOT NULL",
      [Number(sid), Number(pid), afterMs, untilMs],
    )) {
      rows.push([r[0], ...kind.get(`${sid}:${pid}`)!, r[1]]);
    }
  }
  for (const [end, ext, metric, avg] of rows) {
    const endMs = Number(end);
    const v = Number(avg);
    if (metric === "percent") {
      renewablesPct.set(endMs, v);
      continue;
    }
    const p = prices.get(endMs) ?? { importCentsPerKwh: null, feedInCentsPerKwh: null };
    if (ext === "import") p.importCentsPerKwh = v;
    else p.feedInCentsPerKwh = v === 0 ? 0 : -v;
    prices.set(endMs, p);
  }
  return { prices, renewablesPct };
}

/** Of some systems, those with vendor price or renewables points (the others need no price read). */
export async function systemsWithPrices(systemIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < systemIds.length; i += 500) {
    const part = systemIds.slice(i, i + 500);
    const rows = await queryRows(
      `SELECT DISTINCT system_id FROM point_info WHERE system_id IN (${part.map(() => "?").join(",")}) ` +
        "AND type = 'bidi' AND subtype = 'grid' AND ((metric_type = 'price' AND extension IN ('import', 'export')) " +
        "OR (metric_type = 'percent' AND extension = 'renewables'))",
      part,
    );
    for (const r of rows) out.add(Number(r[0]));
  }
  return out;
}

/** The actual bills a person entered, by billing period start. */
export async function loadBillActuals(systemId: number): Promise<Map<string, number>> {
  const rows = await queryRows("SELECT period_start, amount_cents FROM bill_actuals WHERE system_id = ?", [systemId]);
  return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
}

/** Stores (or with null removes) the actual bill of a billing period. */
export async function saveBillActual(
  systemId: number,
  periodStart: string,
  amountCents: number | null,
  userId: string | null,
): Promise<void> {
  const args: InValue[] = [systemId, periodStart];
  if (amountCents === null) {
    await getDb().$client.execute({
      sql: "DELETE FROM bill_actuals WHERE system_id = ? AND period_start = ?",
      args,
    });
    return;
  }
  await getDb().$client.execute({
    sql:
      "INSERT INTO bill_actuals (system_id, period_start, amount_cents, entered_by, entered_at) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (system_id, period_start) DO UPDATE SET amount_cents = excluded.amount_cents, " +
      "entered_by = excluded.entered_by, entered_at = excluded.entered_at",
    args: [...args, amountCents, userId, Date.now()],
  });
}

/** The grid region chosen for a system's carbon figures (null: automatic). */
export async function loadCarbonRegion(systemId: number): Promise<string | null> {
  const [row] = await queryRows("SELECT carbon_region FROM systems WHERE id = ?", [systemId]);
  return row && row[0] !== null && row[0] !== undefined ? String(row[0]) : null;
}

/** Stores (or with null clears, back to automatic) the grid region of a system's carbon figures. */
export async function saveCarbonRegion(systemId: number, region: string | null): Promise<void> {
  await getDb().$client.execute({
    sql: "UPDATE systems SET carbon_region = ?, updated_at = ? WHERE id = ?",
    args: [region, Date.now(), systemId],
  });
}

/** Grams CO2-e summed over a system's stored ended days (before `beforeDay`), rescaled to `kgPerKwh`. */
export interface StoredCarbonTotals {
  importG: number;
  avoidedG: number;
  /** First and last stored day; null when none. */
  first: string | null;
  last: string | null;
  /** Stored days, and days whose carbon is unknown (a gap) or not priced yet (accounts without a cost row). */
  days: number;
  unknownDays: number;
  unpricedDays: number;
}

/**
 * Lifetime carbon from the stored cost days: each day's grams × (kgPerKwh ÷ the factor it was stored with; rows
 * without one used `legacyKgPerKwh`). Known days only, with the unknown and not yet priced ones counted.
 */
export async function storedCarbonTotals(
  systemId: number,
  beforeDay: string,
  kgPerKwh: number,
  legacyKgPerKwh: number,
): Promise<StoredCarbonTotals> {
  const [[sums], [unpriced]] = await Promise.all([
    queryRows(
      "SELECT total(CASE WHEN import_g IS NOT NULL AND avoided_g IS NOT NULL THEN import_g * ? / coalesce(carbon_kg_per_kwh, ?) END), " +
        "total(CASE WHEN import_g IS NOT NULL AND avoided_g IS NOT NULL THEN avoided_g * ? / coalesce(carbon_kg_per_kwh, ?) END), " +
        "min(day), max(day), count(*), sum(import_g IS NULL OR avoided_g IS NULL) " +
        "FROM costs_daily WHERE system_id = ? AND day < ?",
      [kgPerKwh, legacyKgPerKwh, kgPerKwh, legacyKgPerKwh, systemId, beforeDay],
    ),
    queryRows(
      "SELECT count(*) FROM energy_daily e WHERE e.system_id = ? AND e.day < ? AND NOT EXISTS " +
        "(SELECT 1 FROM costs_daily c WHERE c.system_id = e.system_id AND c.day = e.day)",
      [systemId, beforeDay],
    ),
  ]);
  return {
    importG: Number(sums[0]),
    avoidedG: Number(sums[1]),
    first: sums[2] === null ? null : String(sums[2]),
    last: sums[3] === null ? null : String(sums[3]),
    days: Number(sums[4]),
    unknownDays: Number(sums[5] ?? 0),
    unpricedDays: Number(unpriced[0]),
  };
}

const HAS_IMPORT_PRICES =
  "EXISTS (SELECT 1 FROM point_info p WHERE p.system_id = s.id AND p.type = 'bidi' AND p.subtype = 'grid' " +
  "AND p.metric_type = 'price' AND p.extension = 'import')";

/** The first of `systemIds` that stores vendor import prices, with its vendor type; null when none does. */
export async function priceSeriesSystem(systemIds: number[]): Promise<{ id: number; vendorType: string } | null> {
  if (!systemIds.length) return null;
  const rows = await queryRows(
    `SELECT s.id, s.vendor_type FROM systems s WHERE s.id IN (${systemIds.map(() => "?").join(",")}) ` +
      `AND ${HAS_IMPORT_PRICES} ORDER BY s.id LIMIT 1`,
    systemIds,
  );
  return rows.length ? { id: Number(rows[0][0]), vendorType: String(rows[0][1]) } : null;
}

/**
 * The price series to compare a system without one of its own against: another active system of the same owner that
 * stores vendor import prices (a dynamic-price retailer), the one in the same time zone first, then the lowest id.
 * Null when the owner has none.
 */
export async function ownersPriceSeriesSystem(
  ownerUserId: string,
  excludeIds: number[],
  zone: string,
): Promise<{ id: number; vendorType: string } | null> {
  const rows = await queryRows(
    "SELECT s.id, s.vendor_type FROM systems s WHERE s.owner_user_id = ? AND s.status = 'active' " +
      `AND s.id NOT IN (${excludeIds.map(() => "?").join(",") || "NULL"}) AND ${HAS_IMPORT_PRICES} ` +
      "ORDER BY s.display_timezone = ? DESC, s.id LIMIT 1",
    [ownerUserId, ...excludeIds, zone],
  );
  return rows.length ? { id: Number(rows[0][0]), vendorType: String(rows[0][1]) } : null;
}

import "server-only";
import { DateTime } from "luxon";
import type { AdapterContext, HistoryCapability, IntervalReading, PointDefinition } from "../types";
import type { TeslaClient } from "./client";
import { SITE_POINTS } from "./mapper";
import type { TeslaTokens } from "./tokens";

const QUARTER_MS = 15 * 60_000;
const FIVE_MS = 5 * 60_000;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Tesla calendar history: one `kind=power` call per local day (the API's `period=day` answers one day), its
 * 15-minute average powers spread over the live points' 5-minute intervals. The adapter has no energy points
 * (`energy: "none"`), so the energy series is not read. Energy-site data is not priced: these calls cost no credit.
 */
export function teslaHistory(
  client: (ctx: AdapterContext<TeslaTokens>) => TeslaClient,
): HistoryCapability<TeslaTokens> {
  return {
    chunkEnd: (startMs, zone) => DateTime.fromMillis(startMs, { zone }).startOf("day").plus({ days: 1 }).toMillis(),
    callsPerChunk: 1,
    // Energy-site calls are free but rate-limited; polling reads live_status once a minute (1,440 a day).
    callsPerDay: 120,
    async fetchHistory(ctx, fromMs, toMs) {
      const siteId = String(ctx.system.vendorSiteId ?? "").trim();
      const zone = ctx.system.displayTimezone;
      const day = DateTime.fromMillis(fromMs, { zone }).startOf("day");
      const c = client(ctx);
      await c.ensureFresh();
      const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true }) ?? "";
      const res = await c.calendarHistory(siteId, {
        kind: "power",
        startDate: iso(day),
        endDate: iso(day.endOf("day")),
        timeZone: zone,
      });
      const intervals = powerIntervals(res.time_series, ctx.now.getTime()).filter(
        (i) => i.intervalEndMs > fromMs && i.intervalEndMs <= toMs,
      );
      return { intervals };
    },
  };
}

/**
 * The rows of a `kind=power` answer (stamped at their start, with its offset) as 5-minute intervals of solar,
 * battery, grid and load (load = solar + battery + grid: the series has none). Tesla's signs are ours. A row
 * still in progress is left out; battery points only when the day shows a battery at work (a solar-only site
 * reports 0 throughout).
 */
export function powerIntervals(series: unknown, nowMs: number): IntervalReading[] {
  const rows = Array.isArray(series) ? (series as Record<string, unknown>[]) : [];
  const parsed = rows.flatMap((r) => {
    const startMs = typeof r?.timestamp === "string" ? Date.parse(r.timestamp) : NaN;
    if (Number.isNaN(startMs) || startMs + QUARTER_MS > nowMs) return [];
    return [
      {
        endMs: startMs + QUARTER_MS,
        solar: num(r.solar_power),
        battery: num(r.battery_power),
        grid: num(r.grid_power),
      },
    ];
  });
  const hasBattery = parsed.some((p) => p.battery !== null && p.battery !== 0);
  const out: IntervalReading[] = [];
  for (const p of parsed) {
    const load = p.solar !== null && p.battery !== null && p.grid !== null ? p.solar + p.battery + p.grid : null;
    const values: Array<[PointDefinition, number | null]> = [
      [SITE_POINTS.solar, p.solar],
      [SITE_POINTS.grid, p.grid],
      [SITE_POINTS.load, load],
    ];
    if (hasBattery) values.push([SITE_POINTS.battery, p.battery]);
    for (const [point, w] of values) {
      if (w === null) continue;
      for (let k = 2; k >= 0; k--) {
        out.push({ point, intervalEndMs: p.endMs - k * FIVE_MS, avg: w, min: w, max: w, last: w });
      }
    }
  }
  return out;
}

import "server-only";
import { DateTime } from "luxon";
import type { AdapterContext, HistoryCapability, IntervalReading, PointDefinition } from "../types";
import type { SolarEdgeClient } from "./client";
import { ENERGY_METERS, SOLAREDGE_POINTS as P, parseQuarters, spreadQuarters, type Quarter } from "./mapper";

const LOCAL = "yyyy-MM-dd HH:mm:ss";
/** energyDetails and powerDetails at QUARTER_OF_AN_HOUR span at most a month: 28 local days per chunk. */
const CHUNK_DAYS = 28;
const POWER_METERS = ["Production", "Consumption", "Purchased", "FeedIn"];
// Stand-ins for the grid meters: they are combined into one signed grid power (import +, export −).
const PURCHASED: PointDefinition = { ...P.grid, originId: "Purchased" };
const FEED_IN: PointDefinition = { ...P.grid, originId: "FeedIn" };
const POWER_POINTS = { Production: P.solar, Consumption: P.load, Purchased: PURCHASED, FeedIn: FEED_IN };

/**
 * SolarEdge history: quarter-hour energies (energyDetails) and average powers (powerDetails), two calls per
 * 28 days. Powers fill the nights the 30-minute night polling leaves between live readings; the battery's power
 * is the balance load − solar − grid of the quarter.
 */
export function solarEdgeHistory(
  client: (ctx: AdapterContext<{ apiKey: string }>) => SolarEdgeClient,
): HistoryCapability<{ apiKey: string }> {
  return {
    chunkEnd: (startMs, zone) => DateTime.fromMillis(startMs, { zone }).plus({ days: CHUNK_DAYS }).toMillis(),
    callsPerChunk: 2,
    // 300 calls a day per site; polling takes about 200 of them (lib/vendors/solaredge/schedule.ts).
    callsPerDay: 60,
    async fetchHistory(ctx, fromMs, toMs) {
      const siteId = String(ctx.system.vendorSiteId ?? "").trim();
      const saved = (ctx.state ?? {}) as { siteTimezone?: unknown };
      const zone = typeof saved.siteTimezone === "string" ? saved.siteTimezone : ctx.system.displayTimezone;
      const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat(LOCAL);
      const c = client(ctx);
      const energy = await c.energyDetails(siteId, local(fromMs), local(toMs), Object.keys(ENERGY_METERS));
      const power = await c.powerDetails(siteId, local(fromMs), local(toMs), POWER_METERS);
      const inRange = (q: Quarter) => q.endMs > fromMs && q.endMs <= toMs;
      const intervals = spreadQuarters(parseQuarters(energy, zone, toMs).filter(inRange));
      const quarters = parseQuarters(power, zone, toMs, POWER_POINTS).filter(inRange);
      intervals.push(...spreadPowers(quarters));
      return { intervals };
    },
  };
}

/** Each quarter's average powers as three 5-minute intervals of the live points (solar, load, grid, battery). */
export function spreadPowers(quarters: Quarter[]): IntervalReading[] {
  const byEnd = new Map<number, Map<string, number>>();
  for (const q of quarters) {
    const m = byEnd.get(q.endMs) ?? new Map<string, number>();
    m.set(q.point.originId, q.wh);
    byEnd.set(q.endMs, m);
  }
  const out: IntervalReading[] = [];
  for (const [endMs, m] of byEnd) {
    const solar = m.get("PV");
    const load = m.get("LOAD");
    const buy = m.get("Purchased");
    const sell = m.get("FeedIn");
    const grid = buy !== undefined && sell !== undefined ? buy - sell : undefined;
    const battery = load !== undefined && solar !== undefined && grid !== undefined ? load - solar - grid : undefined;
    const values: Array<[PointDefinition, number | undefined]> = [
      [P.solar, solar],
      [P.load, load],
      [P.grid, grid],
      [P.battery, battery],
    ];
    for (const [point, w] of values) {
      if (w === undefined) continue;
      const v = Math.round(w * 1000) / 1000;
      for (let k = 2; k >= 0; k--) {
        out.push({ point, intervalEndMs: endMs - k * 300_000, avg: v, min: v, max: v, last: v, quality: "estimated" });
      }
    }
  }
  return out;
}

/**
 * Once a day, after 06:00 at the site: the quarter-hour powers of the 24 hours before (one powerDetails call),
 * so the 5-minute intervals the 30-minute night polling left empty are filled ("estimated": a polled value wins).
 * Returns null when the night is already filled or not over yet.
 */
export async function lastNightPowers(
  c: SolarEdgeClient,
  siteId: string,
  zone: string,
  throughMs: number | undefined,
  nowMs: number,
): Promise<{ intervals: IntervalReading[]; throughMs: number } | null> {
  const morning = DateTime.fromMillis(nowMs, { zone }).startOf("day").set({ hour: 6 });
  const toMs = morning.toMillis();
  if (nowMs < toMs || (throughMs !== undefined && throughMs >= toMs)) return null;
  const fromMs = Math.max(throughMs ?? 0, morning.minus({ days: 1 }).toMillis());
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat(LOCAL);
  const power = await c.powerDetails(siteId, local(fromMs), local(toMs), POWER_METERS);
  const quarters = parseQuarters(power, zone, toMs, POWER_POINTS).filter((q) => q.endMs > fromMs);
  return { intervals: spreadPowers(quarters), throughMs: toMs };
}

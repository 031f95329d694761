import { DateTime } from "luxon";
import type { SimState, Simulator } from "../sim";
import type { SolarEdgeSite } from "./accounts";

const QUARTER_MS = 15 * 60_000;
export const LOCAL_FORMAT = "yyyy-MM-dd HH:mm:ss";

/** The meters energyDetails / powerDetails know. */
export const METERS = ["Production", "Consumption", "SelfConsumption", "FeedIn", "Purchased"] as const;
export type Meter = (typeof METERS)[number];

/**
 * currentPowerFlow of a site at a time: unsigned magnitudes in the site's unit (no `unit` field at all on a
 * site whose unit is null, kW numbers); directions only in `connections` (export is LOAD→Grid, as on the real
 * API) and STORAGE.status; each node's `status` and STORAGE.critical (true below the minimum charge).
 */
export function powerFlow(s: SimState, site: SolarEdgeSite): object {
  // kW with three decimals (1 W resolution), or W with one decimal; numeric strings on sites that send them.
  const scaled = (w: number) =>
    site.unit === "W" ? Math.round(Math.abs(w) * 10) / 10 : Math.round(Math.abs(w)) / 1000;
  const mag = (w: number) => (site.stringNumbers ? String(scaled(w)) : scaled(w));
  const connections: Array<{ from: string; to: string }> = [];
  if (s.solarW > 1) connections.push({ from: "PV", to: "Load" });
  if (s.batteryW < -1) connections.push({ from: s.solarW >= -s.batteryW ? "PV" : "GRID", to: "Storage" });
  if (s.batteryW > 1) connections.push({ from: "STORAGE", to: "Load" });
  if (s.gridW > 1) connections.push({ from: "GRID", to: "Load" });
  if (s.gridW < -1) connections.push({ from: "LOAD", to: "Grid" });
  const status = (w: number) => (Math.abs(w) > 1 ? "Active" : "Idle");
  return {
    siteCurrentPowerFlow: {
      updateRefreshRate: 3,
      ...(site.unit ? { unit: site.unit } : {}),
      connections,
      GRID: { status: status(s.gridW), currentPower: mag(s.gridW) },
      LOAD: { status: status(s.loadW), currentPower: mag(s.loadW) },
      PV: { status: status(s.solarW), currentPower: mag(s.solarW) },
      STORAGE: {
        status: s.batteryW > 1 ? "Discharging" : s.batteryW < -1 ? "Charging" : "Idle",
        currentPower: mag(s.batteryW),
        chargeLevel: site.stringNumbers ? String(Math.round(s.socPct)) : Math.round(s.socPct),
        critical: s.socPct <= site.site.minSocPct + 0.5,
      },
    },
  };
}

/** Local "YYYY-MM-DD hh:mm:ss" → ms, or null when malformed. */
export function parseLocal(text: string | null, zone: string): number | null {
  if (!text) return null;
  const d = DateTime.fromFormat(text, LOCAL_FORMAT, { zone });
  return d.isValid ? d.toMillis() : null;
}

/**
 * energyDetails (Wh per quarter) or powerDetails (average W per quarter) for quarters starting in [fromMs, toMs);
 * a quarter not finished by nowMs is listed without a value, like the real API's pending entries.
 */
export function details(
  sim: Simulator,
  site: SolarEdgeSite,
  meters: Meter[],
  fromMs: number,
  toMs: number,
  nowMs: number,
  kind: "energy" | "power",
): object {
  const zone = site.site.timezone;
  const first = Math.ceil(fromMs / QUARTER_MS) * QUARTER_MS;
  const rows = new Map<Meter, Array<{ date: string; value?: number }>>(meters.map((m) => [m, []]));
  for (let start = first; start < toMs; start += QUARTER_MS) {
    const date = DateTime.fromMillis(start, { zone }).toFormat(LOCAL_FORMAT);
    if (start + QUARTER_MS > nowMs) {
      for (const m of meters) rows.get(m)!.push({ date });
      continue;
    }
    const t = sim.intervalTruth(site.site, start + QUARTER_MS, 15);
    const e = t.energyWh;
    const wh: Record<Meter, number> = {
      Production: e.solarWh,
      Consumption: e.loadWh,
      SelfConsumption: Math.max(0, e.solarWh - e.gridOutWh),
      FeedIn: e.gridOutWh,
      Purchased: e.gridInWh,
    };
    for (const m of meters) {
      const v = kind === "energy" ? wh[m] : wh[m] * 4;
      rows.get(m)!.push({ date, value: Math.round(v * 1000) / 1000 });
    }
  }
  const list = meters.map((type) => ({ type, values: rows.get(type)! }));
  return kind === "energy"
    ? { energyDetails: { timeUnit: "QUARTER_OF_AN_HOUR", unit: "Wh", meters: list } }
    : { powerDetails: { timeUnit: "QUARTER_OF_AN_HOUR", unit: "W", meters: list } };
}

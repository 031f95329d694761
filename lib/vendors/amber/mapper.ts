import "server-only";
import type { MetricType, PointType } from "@/lib/points";
import type { IntervalReading, PointDefinition } from "../types";
import type { AmberRecord } from "./client";

const FIVE_MIN = 5 * 60_000;

type Place = { type: PointType; subtype: string; extension: string | null; name: string; subsystem: string };

/** Where each channel type lives: general = grid import, feedIn = grid export, controlledLoad = its own load. */
const CHANNEL_PLACE: Record<string, Place> = {
  general: { type: "bidi", subtype: "grid", extension: "import", name: "Grid import", subsystem: "grid" },
  feedIn: { type: "bidi", subtype: "grid", extension: "export", name: "Grid export", subsystem: "grid" },
  controlledLoad: { type: "load", subtype: "controlled", extension: null, name: "Controlled load", subsystem: "load" },
};
const DEFAULT_ID: Record<string, string> = { general: "E1", feedIn: "B1", controlledLoad: "CL1" };
const METRIC: Record<"energy" | "cost" | "price", [MetricType, string, string]> = {
  energy: ["energy", "Wh", "energy"],
  cost: ["cost", "c", "cost"],
  price: ["price", "c/kWh", "price"],
};

/**
 * A channel point. Energy and cost are per meter channel (originId E1, B1, CL1…), prices per channel type (the
 * price API has no identifier). An extra channel of a type (E2, CL2) is its own point; where the path still has a
 * free slot (load.controlled) its identifier becomes the extension, else it shares the path.
 */
export function channelPoint(
  channelType: string,
  identifier: string | null,
  metric: keyof typeof METRIC,
): PointDefinition {
  const place = CHANNEL_PLACE[channelType] ?? { ...CHANNEL_PLACE.general, name: channelType };
  const id = identifier ?? DEFAULT_ID[channelType] ?? channelType;
  const extra = identifier && DEFAULT_ID[channelType] && identifier !== DEFAULT_ID[channelType];
  const [metricType, unit, label] = METRIC[metric];
  return {
    originId: metric === "price" ? channelType : id,
    originSubId: metric,
    name: `${place.name}${extra ? ` ${identifier}` : ""} ${label}`,
    type: place.type,
    subtype: place.subtype,
    // Only a path slot that is still free can carry the identifier of an extra channel.
    extension: place.extension ?? (extra ? identifier!.toLowerCase() : null),
    metricType,
    unit,
    transform: null,
    subsystem: place.subsystem,
  };
}

/**
 * Site-wide points (from the general channel): wholesale spot price, grid renewables share, tariff period, spike
 * status (none | potential | spike), Amber's price descriptor (extremelyLow … spike) and the network demand
 * window (1 inside, 0 outside; absent when the tariff has none).
 */
export const AMBER_SITE_POINTS = {
  spot: site("spot", "Spot price", "spot", "price", "c/kWh"),
  renewables: site("renewables", "Grid renewables", "renewables", "percent", "%"),
  tariff: site("tariff_period", "Tariff period", "tariff", "text", ""),
  spike: site("spike_status", "Price spike status", "spike", "text", ""),
  descriptor: site("descriptor", "Price descriptor", "descriptor", "text", ""),
  demandWindow: site("demand_window", "Demand window", "demand_window", "code", ""),
} satisfies Record<string, PointDefinition>;

function site(
  originId: string,
  name: string,
  extension: string,
  metricType: MetricType,
  unit: string,
): PointDefinition {
  return {
    originId,
    name,
    type: "bidi",
    subtype: "grid",
    extension,
    metricType,
    unit,
    transform: null,
    subsystem: "grid",
  };
}

/** The 5-minute interval ends covered by a record: its endTime and the ones before it, `duration / 5` in all. */
export function fiveMinuteEnds(r: AmberRecord): number[] {
  const endMs = Date.parse(r.endTime);
  if (!Number.isFinite(endMs) || endMs % FIVE_MIN !== 0 || r.duration % 5 !== 0) return [];
  const n = r.duration / 5;
  return Array.from({ length: n }, (_, k) => endMs - (n - 1 - k) * FIVE_MIN);
}

/** Splits an amount into n parts whose sum is exactly the amount (the last part takes the rounding). */
export function splitEvenly(total: number, n: number): number[] {
  const part = Math.round((total / n) * 1e6) / 1e6;
  const parts = Array.from({ length: n }, () => part);
  parts[n - 1] = total - part * (n - 1);
  return parts;
}

/** The vendor quality label of a price interval: actual, estimated (a running current interval) or forecast. */
export function priceQuality(r: AmberRecord): string {
  if (r.type === "ForecastInterval") return "forecast";
  if (r.type === "CurrentInterval") return r.estimate === false ? "actual" : "estimated";
  return "actual";
}

function level(point: PointDefinition, ends: number[], value: number, quality: string): IntervalReading[] {
  return ends.map((intervalEndMs) => ({
    point,
    intervalEndMs,
    avg: value,
    min: value,
    max: value,
    last: value,
    quality,
  }));
}

function text(point: PointDefinition, ends: number[], valueStr: string, quality: string): IntervalReading[] {
  return ends.map((intervalEndMs) => ({ point, intervalEndMs, valueStr, quality }));
}

function siteWide(r: AmberRecord, ends: number[], quality: string): IntervalReading[] {
  const out: IntervalReading[] = [];
  if (r.channelType !== "general") return out;
  const S = AMBER_SITE_POINTS;
  if (r.spotPerKwh != null) out.push(...level(S.spot, ends, r.spotPerKwh, quality));
  if (r.renewables != null) out.push(...level(S.renewables, ends, r.renewables, quality));
  const period = r.tariffInformation?.period;
  if (period) out.push(...text(S.tariff, ends, period, quality));
  if (r.spikeStatus) out.push(...text(S.spike, ends, r.spikeStatus, quality));
  if (r.descriptor) out.push(...text(S.descriptor, ends, r.descriptor, quality));
  const demand = r.tariffInformation?.demandWindow;
  if (typeof demand === "boolean") out.push(...level(S.demandWindow, ends, demand ? 1 : 0, quality));
  return out;
}

/** Price intervals → 5-minute price, spot, renewables and tariff rows (each half-hour repeated over its 6 slots). */
export function mapPrices(records: AmberRecord[]): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (const r of records) {
    const ends = fiveMinuteEnds(r);
    const quality = priceQuality(r);
    out.push(...level(channelPoint(r.channelType, null, "price"), ends, r.perKwh, quality));
    out.push(...siteWide(r, ends, quality));
  }
  return out;
}

/**
 * Canonical energy (Wh, positive per direction) and cost (cents the customer pays, + pay / − credit) of a usage
 * record. Amber's `kwh` is negative for generation (feed-in, B1): the direction is in the point's path, so the
 * energy is stored as its magnitude (a negative kWh on any other channel is not stored and is counted in
 * `fixes`). A cost whose sign contradicts its price (Amber's cost is what the customer
 * pays for the record's energy, so it has the sign of perKwh) was computed from the signed kWh: it is flipped and
 * counted in `fixes`.
 */
export function usageAmounts(r: AmberRecord, fixes?: UsageFixes): { wh: number | null; cost: number | null } {
  let wh = r.kwh == null ? null : Math.abs(r.kwh) * 1000;
  if (r.kwh != null && r.kwh < 0 && r.channelType !== "feedIn") {
    // Generation on a consumption channel has no place in an import/load path: not stored, but reported.
    wh = null;
    if (fixes) fixes.negativeUsage++;
  }
  let cost = r.cost ?? null;
  if (cost !== null && cost !== 0 && r.perKwh !== 0 && Math.sign(cost) !== Math.sign(r.perKwh)) {
    cost = -cost;
    if (fixes) fixes.costSignFlipped++;
  }
  return { wh: wh === 0 ? 0 : wh, cost };
}

/** Counts of usage records whose signs were corrected or look wrong (shown in the session response). */
export interface UsageFixes {
  costSignFlipped: number;
  negativeUsage: number;
}

/**
 * Usage records → 5-minute rows. kWh (→ Wh, magnitude: see usageAmounts) and cost are split evenly over the
 * record's 5-minute slots so that every half-hour, and so every day, sums exactly to what Amber bills; price is
 * the same in each slot.
 */
export function mapUsage(records: AmberRecord[], fixes?: UsageFixes): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (const r of records) {
    const ends = fiveMinuteEnds(r);
    if (!ends.length) continue;
    const quality = (r.quality ?? "estimated").toLowerCase();
    const id = r.channelIdentifier ?? null;
    const add = (metric: "energy" | "cost", total: number) => {
      const point = channelPoint(r.channelType, id, metric);
      splitEvenly(total, ends.length).forEach((delta, k) =>
        out.push({ point, intervalEndMs: ends[k], delta, quality }),
      );
    };
    const { wh, cost } = usageAmounts(r, fixes);
    if (wh !== null) add("energy", wh);
    if (cost !== null) add("cost", cost);
    out.push(...level(channelPoint(r.channelType, null, "price"), ends, r.perKwh, quality));
    out.push(...siteWide(r, ends, quality));
  }
  return out;
}

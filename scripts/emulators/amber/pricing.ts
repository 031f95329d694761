import { rand01 } from "../sim/random";

/** Amber works in NEM time (AEST, UTC+10, no daylight saving): dates, periods and nemTime are all in it. */
export const NEM_OFFSET_MS = 10 * 3_600_000;
export const PRICE_INTERVAL_MS = 30 * 60_000;

export type ChannelType = "general" | "feedIn" | "controlledLoad";
export type TariffPeriod = "offPeak" | "shoulder" | "solarSponge" | "peak";

/** Network charges per period, c/kWh before GST (illustrative, shaped like a time-of-use tariff). */
const NETWORK: Record<TariffPeriod, number> = { peak: 18, shoulder: 9, solarSponge: 3, offPeak: 6 };

/** The tariff period of the NEM half-hour that starts at startMs. */
export function tariffPeriod(startMs: number): TariffPeriod {
  const h = new Date(startMs + NEM_OFFSET_MS).getUTCHours();
  if (h >= 15 && h < 21) return "peak";
  if (h >= 10 && h < 15) return "solarSponge";
  if (h >= 22 || h < 7) return "offPeak";
  return "shoulder";
}

/** A 0..1 bell around NEM midday: how much the sun depresses spot prices and lifts renewables. */
function solarShare(startMs: number): number {
  const h = new Date(startMs + NEM_OFFSET_MS).getUTCHours() + new Date(startMs).getUTCMinutes() / 60;
  return h < 6.5 || h > 18.5 ? 0 : Math.sin((Math.PI * (h - 6.5)) / 12);
}

const round = (v: number, dp: number) => Math.round(v * 10 ** dp) / 10 ** dp;

/** The final (settled) wholesale price of the half-hour starting at startMs, c/kWh; negative on sunny middays. */
export function spotPerKwh(seed: number, startMs: number): number {
  const h = new Date(startMs + NEM_OFFSET_MS).getUTCHours();
  const evening = h >= 17 && h < 21 ? 9 : 0;
  const noise = (rand01(seed, Math.floor(startMs / PRICE_INTERVAL_MS), 77) - 0.5) * 4;
  return round(8 + evening - 11 * solarShare(startMs) + noise, 2);
}

/** Renewables share of the grid (%) in the half-hour starting at startMs. */
export function renewablesPct(seed: number, startMs: number): number {
  const noise = rand01(seed, Math.floor(startMs / PRICE_INTERVAL_MS), 78) * 8;
  return round(Math.min(100, 28 + 55 * solarShare(startMs) + noise), 2);
}

/**
 * What a customer pays per kWh on a channel (incl. GST), Amber's sign: general and controlled load positive; feed-in
 * negative when exporting earns money (−spot), positive when exports cost (negative spot).
 */
export function perKwh(seed: number, startMs: number, channel: ChannelType): number {
  const spot = spotPerKwh(seed, startMs);
  if (channel === "feedIn") return round(-spot, 2);
  if (channel === "controlledLoad") return round((spot + 4 + 1.5) * 1.1, 2);
  return round((spot + NETWORK[tariffPeriod(startMs)] + 2.5) * 1.1, 2);
}

/** Amber's descriptor of a general price. */
export function descriptor(generalPerKwh: number): string {
  if (generalPerKwh < 0) return "negative";
  if (generalPerKwh < 10) return "extremelyLow";
  if (generalPerKwh < 18) return "veryLow";
  if (generalPerKwh < 26) return "low";
  if (generalPerKwh < 36) return "neutral";
  if (generalPerKwh < 100) return "high";
  return "spike";
}

/** Amber's spike status of a half-hour: "potential" when the spot price nears spike levels, "spike" above them. */
export function spikeStatus(spot: number): "none" | "potential" | "spike" {
  if (spot >= 30) return "spike";
  return spot >= 17 ? "potential" : "none";
}

/**
 * The tariff information of a half-hour: its period and, as a demand tariff has, whether it lies in the network's
 * demand window (the peak period here).
 */
export function tariffInformation(startMs: number): { period: TariffPeriod; demandWindow: boolean } {
  const period = tariffPeriod(startMs);
  return { period, demandWindow: period === "peak" };
}

/** A deterministic forecast error: forecasts (and the running current-interval estimate) miss by up to ±8%. */
export function forecastFactor(seed: number, startMs: number, issuedMs: number): number {
  const issue = Math.floor(issuedMs / (5 * 60_000));
  return 1 + (rand01(seed, Math.floor(startMs / PRICE_INTERVAL_MS), issue) - 0.5) * 0.16;
}

/** ISO UTC without milliseconds, like Amber's startTime/endTime. */
export const isoUtc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** NEM local time with its +10:00 offset (nemTime). */
export const nemTime = (ms: number) => new Date(ms + NEM_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, "+10:00");

/** The NEM date (YYYY-MM-DD) of an interval that starts at startMs. */
export const nemDate = (startMs: number) => new Date(startMs + NEM_OFFSET_MS).toISOString().slice(0, 10);

/** Start of a NEM day (ms UTC) from YYYY-MM-DD, or null when not a date. */
export function nemDayStart(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms - NEM_OFFSET_MS;
}

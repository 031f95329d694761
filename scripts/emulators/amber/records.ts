import type { Simulator, SiteConfig } from "../sim";
import {
  descriptor,
  forecastFactor,
  isoUtc,
  nemDate,
  nemTime,
  perKwh,
  PRICE_INTERVAL_MS,
  renewablesPct,
  spikeStatus,
  spotPerKwh,
  tariffInformation,
  type ChannelType,
} from "./pricing";

/** Usage turns from "estimated" to "billable" this long after the interval ends (meter data arrives in batches). */
export const BILLABLE_AFTER_MS = 6 * 3_600_000;

export const CHANNELS: Array<{ identifier: "E1" | "B1" | "CL1"; type: ChannelType; tariff: string }> = [
  { identifier: "E1", type: "general", tariff: "EA116" },
  { identifier: "B1", type: "feedIn", tariff: "EA029" },
  { identifier: "CL1", type: "controlledLoad", tariff: "EA030" },
];

/** True energy per channel of the half-hour ending at endMs, Wh: E1 = grid import, B1 = export, CL1 = hot water. */
export function usageTruthWh(sim: Simulator, site: SiteConfig, endMs: number): Record<"E1" | "B1" | "CL1", number> {
  const e = sim.intervalTruth(site, endMs, 30).energyWh;
  return { E1: e.gridInWh, B1: e.gridOutWh, CL1: controlledLoadWh(endMs - PRICE_INTERVAL_MS) };
}

/** The controlled-load hot-water element: 2 kW (1 kWh per half-hour) from 01:00 to 03:00 NEM time. */
export function controlledLoadWh(startMs: number): number {
  const h = new Date(startMs + 10 * 3_600_000).getUTCHours();
  return h >= 1 && h < 3 ? 1000 : 0;
}

type IntervalType = "ActualInterval" | "CurrentInterval" | "ForecastInterval";

/** The price records of one half-hour (one per channel) as /prices returns them at `nowMs`. */
export function priceRecords(seed: number, startMs: number, nowMs: number): Array<Record<string, unknown>> {
  const endMs = startMs + PRICE_INTERVAL_MS;
  const type: IntervalType =
    endMs <= nowMs ? "ActualInterval" : startMs <= nowMs ? "CurrentInterval" : "ForecastInterval";
  const factor = type === "ActualInterval" ? 1 : forecastFactor(seed, startMs, nowMs);
  const spot = Math.round(spotPerKwh(seed, startMs) * factor * 100) / 100;
  const general = perKwh(seed, startMs, "general") * factor;
  return CHANNELS.map((c) => {
    const price = Math.round(perKwh(seed, startMs, c.type) * factor * 100) / 100;
    return {
      type,
      date: nemDate(startMs),
      duration: 30,
      startTime: isoUtc(startMs + 1000),
      endTime: isoUtc(endMs),
      nemTime: nemTime(endMs),
      perKwh: price,
      renewables: renewablesPct(seed, startMs),
      spotPerKwh: spot,
      channelType: c.type,
      spikeStatus: spikeStatus(spot),
      tariffInformation: tariffInformation(startMs),
      descriptor: descriptor(general),
      ...(type === "ActualInterval" ? {} : { estimate: true }),
    };
  });
}

/**
 * The usage records of one half-hour (one per channel). Recent intervals are "estimated" (off by up to ±2%);
 * after BILLABLE_AFTER_MS they are "billable" with the true kWh (the simulator's grid meters).
 */
export function usageRecords(
  sim: Simulator,
  site: SiteConfig,
  startMs: number,
  nowMs: number,
): Array<Record<string, unknown>> {
  const endMs = startMs + PRICE_INTERVAL_MS;
  const truth = usageTruthWh(sim, site, endMs);
  const billable = endMs <= nowMs - BILLABLE_AFTER_MS;
  const slot = Math.floor(startMs / PRICE_INTERVAL_MS);
  return CHANNELS.map((c, i) => {
    const estimateError = billable ? 1 : 1 + (((slot * 7 + i * 3) % 9) - 4) / 200;
    const amountKwh = Math.round(truth[c.identifier] * estimateError) / 1000;
    // As the real API: generation (feed-in) kWh is negative; cost is what the customer pays for the energy, so it
    // has the sign of the price (a feed-in credit is negative).
    const kwh = c.type === "feedIn" && amountKwh !== 0 ? -amountKwh : amountKwh;
    const price = perKwh(site.seed, startMs, c.type);
    return {
      type: "Usage",
      duration: 30,
      date: nemDate(startMs),
      startTime: isoUtc(startMs + 1000),
      endTime: isoUtc(endMs),
      nemTime: nemTime(endMs),
      quality: billable ? "billable" : "estimated",
      kwh,
      perKwh: price,
      cost: Math.round(amountKwh * price * 10_000) / 10_000,
      channelType: c.type,
      channelIdentifier: c.identifier,
      renewables: renewablesPct(site.seed, startMs),
      spotPerKwh: spotPerKwh(site.seed, startMs),
      spikeStatus: spikeStatus(spotPerKwh(site.seed, startMs)),
      tariffInformation: tariffInformation(startMs),
      descriptor: descriptor(perKwh(site.seed, startMs, "general")),
    };
  });
}

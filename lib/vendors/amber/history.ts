import "server-only";
import type { AdapterContext, HistoryCapability } from "../types";
import type { AmberClient } from "./client";
import { mapUsage } from "./mapper";
import { nemDateOf, USAGE_MAX_DAYS } from "./schedule";

const NEM_OFFSET_MS = 10 * 3_600_000;
const DAY_MS = 86_400_000;

/** Amber usage history: one /usage call per 7 NEM days (Amber's longest range), energy and cost per channel. */
export function amberHistory(
  client: (ctx: AdapterContext<{ apiKey: string }>) => AmberClient,
): HistoryCapability<{ apiKey: string }> {
  return {
    chunkEnd: (startMs) => Date.parse(`${nemDateOf(startMs)}T00:00:00Z`) - NEM_OFFSET_MS + USAGE_MAX_DAYS * DAY_MS,
    callsPerChunk: 1,
    // Amber rate-limits per key (429 with Retry-After); polling takes one call every 5 minutes.
    callsPerDay: 100,
    async fetchHistory(ctx, fromMs, toMs) {
      const siteId = String(ctx.system.vendorSiteId ?? "").trim();
      const usage = await client(ctx).usage(siteId, nemDateOf(fromMs), nemDateOf(toMs - 1));
      return { intervals: mapUsage(usage.records) };
    },
  };
}

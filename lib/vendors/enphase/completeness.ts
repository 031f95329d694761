import "server-only";
import { DateTime } from "luxon";
import { fiveMinuteEndsOfOrigin } from "@/lib/db/queries/interval-ends";
import { ENPHASE_POINTS } from "./mapper";

const FIVE_MIN = 300_000;

/** A local day's coverage in the 5-minute table: stored intervals vs. the day's length (276 / 288 / 300). */
export interface DayCoverage {
  day: string;
  startMs: number;
  endMs: number;
  expected: number;
  stored: number;
}

/**
 * Coverage of the `days` local days before `now`'s day (newest first), counted from the stored 5-minute
 * `source.solar/energy` rows. An interval belongs to the day its END falls in, (start, end], so the one ending
 * at midnight is the previous day's; DST days expect 23 or 25 hours of intervals.
 */
export async function pastDayCoverage(systemId: number, zone: string, now: Date, days: number): Promise<DayCoverage[]> {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const out: DayCoverage[] = [];
  for (let i = 1; i <= days; i++) {
    const start = today.minus({ days: i });
    const startMs = start.toMillis();
    const endMs = start.plus({ days: 1 }).toMillis();
    out.push({
      day: start.toISODate()!,
      startMs,
      endMs,
      expected: Math.round((endMs - startMs) / FIVE_MIN),
      stored: 0,
    });
  }
  if (!out.length) return out;
  const ends = await fiveMinuteEndsOfOrigin(
    systemId,
    ENPHASE_POINTS.energy.originId,
    out[out.length - 1].startMs,
    out[0].endMs,
  );
  for (const end of ends) {
    const d = out.find((c) => end > c.startMs && end <= c.endMs);
    if (d) d.stored++;
  }
  return out;
}

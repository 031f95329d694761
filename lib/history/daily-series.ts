import "server-only";
import { loadFiveMinuteWindowLive } from "@/lib/aggregation/open-tail";
import { fiveMinuteThrough } from "@/lib/aggregation/close-intervals";
import type { PointRow } from "@/lib/db/queries/points";
import { dayBounds, localDay } from "@/lib/time/zones";
import { fieldFor, push, type Data } from "./series";
import { dailySeriesText, pendingDays, sumFiveMinute } from "./store";

/**
 * The daily avg and delta of (afterMs, untilMs] per point, as reduceDay gives them over the 5-minute rows readers
 * see: the rows up to the system's aggregated mark summed by SQLite (no JS row per interval: today can be 288 rows
 * a point), then the few after it as readers see them (stored, or reduced from raw when not stored yet).
 * avg = mean of the non-null averages, delta = sum of the non-null deltas.
 */
async function daySoFar(systemId: number, ids: number[], afterMs: number, untilMs: number) {
  const through = await fiveMinuteThrough(systemId);
  const cut = through === null ? untilMs : Math.min(untilMs, Math.max(through, afterMs));
  const [stored, recent] = await Promise.all([
    sumFiveMinute(systemId, ids, afterMs, cut),
    cut < untilMs ? loadFiveMinuteWindowLive(systemId, cut, untilMs, ids, through) : Promise.resolve([]),
  ]);
  const sums = new Map<number, { n: number; avg: number; deltas: number; delta: number }>();
  for (const [id, n, avg, deltas, delta] of stored) {
    sums.set(Number(id), { n: Number(n), avg: Number(avg), deltas: Number(deltas), delta: Number(delta) });
  }
  for (const r of recent) {
    const s = sums.get(r.pointId) ?? { n: 0, avg: 0, deltas: 0, delta: 0 };
    if (r.avg !== null) {
      s.n += 1;
      s.avg += r.avg;
    }
    if (r.delta !== null) {
      s.deltas += 1;
      s.delta += r.delta;
    }
    sums.set(r.pointId, s);
  }
  const out = new Map<number, { avg: number | null; delta: number | null }>();
  for (const [id, s] of sums) out.set(id, { avg: s.n ? s.avg / s.n : null, delta: s.deltas ? s.delta : null });
  return out;
}

// Local midnights are a pure function of (day, zone) and luxon's zone maths costs tens of µs each: a year of
// daily points would spend most of its time there. Remembered per process, bounded.
const dayStarts = new Map<string, number>();
function dayStart(day: string, zone: string): number {
  const key = `${zone}|${day}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    if (dayStarts.size >= 50_000) dayStarts.clear();
    ms = dayBounds(day, zone).startMs;
    dayStarts.set(key, ms);
  }
  return ms;
}

/**
 * Stored days, plus today so far and any day still pending its roll-up, computed from the 5-minute rows as
 * readers see them (intervals not stored yet included), so a late or missed cron never shows a stale or empty day.
 */
export async function dailySeries(
  system: { id: number; displayTimezone: string },
  points: PointRow[],
  ids: number[],
  startMs: number,
  endMs: number,
  nowMs: number,
) {
  const zone = system.displayTimezone;
  const byId = new Map(points.map((p) => [p.id, p]));
  const fromDay = localDay(startMs, zone);
  const toDay = localDay(endMs - 1, zone);
  const today = localDay(nowMs, zone);
  const deltaIds = points.filter((p) => fieldFor(p, "daily") === "delta").map((p) => p.id);
  const rows = await dailySeriesText(system.id, ids, deltaIds, fromDay, toDay);
  // Days whose daily row is missing or stale come from the 5-minute rows instead: today (its row only exists after
  // midnight) and days still marked pending (their 5-minute data changed since the roll-up, or it has not run yet).
  const pending = await pendingDays(system.id, fromDay, toDay);
  const fromFive = new Set(pending.filter((d) => d <= today));
  if (today >= fromDay && today <= toDay) fromFive.add(today);
  const data: Data = new Map();
  for (const [pointId, text] of rows) {
    const flat = JSON.parse(String(text)) as Array<string | number | null>;
    for (let i = 0; i < flat.length; i += 2) {
      const day = flat[i] as string;
      if (!fromFive.has(day)) push(data, Number(pointId), dayStart(day, zone), flat[i + 1] as number | null);
    }
  }
  for (const day of [...fromFive].sort()) {
    const { startMs: dayStartMs, endMs: dayEndMs } = dayBounds(day, zone);
    for (const [id, v] of await daySoFar(system.id, ids, dayStartMs, Math.min(dayEndMs, nowMs))) {
      push(data, id, dayStartMs, fieldFor(byId.get(id)!, "daily") === "delta" ? v.delta : v.avg);
    }
  }
  for (const series of data.values()) series.sort((a, b) => a[0] - b[0]);
  return data;
}

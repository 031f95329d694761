import "server-only";
import type { InValue } from "@libsql/client";
import { queryRows } from "@/lib/db/client";
import { counterValueBefore, unpacked } from "@/lib/db/packed-readings";
import type { RawReadingRow, TimeRange } from "@/lib/db/queries/readings";
import { coalesce } from "@/lib/db/coalesce";

type RangeItem = TimeRange & { systemId: number };
type CounterItem = { systemId: number; pointId: number; atOrBeforeMs: number };

/** Ranges of one system closer than this share one scan (live polls touch the same interval for every point). */
const CLUSTER_SPAN_MS = 2 * 3_600_000;
const SELECTS_PER_STATEMENT = 100;

const J = unpacked("j");
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Raw rows of many (system, point, range) items in few statements: per system, nearby ranges become one
 * range scan of its packed rows, each unpacked once; the scans of every caller in this turn form one UNION ALL per 100.
 */
const rawRangesMerged = coalesce<RangeItem, RawReadingRow[]>(async (items) => {
  const clusters: Array<{ systemId: number; afterMs: number; untilMs: number; members: number[] }> = [];
  const order = items
    .map((_, i) => i)
    .sort((a, b) => items[a].systemId - items[b].systemId || items[a].afterMs - items[b].afterMs);
  for (const i of order) {
    const it = items[i];
    const c = clusters[clusters.length - 1];
    if (c && c.systemId === it.systemId && Math.max(c.untilMs, it.untilMs) - c.afterMs <= CLUSTER_SPAN_MS) {
      c.untilMs = Math.max(c.untilMs, it.untilMs);
      c.members.push(i);
    } else {
      clusters.push({ systemId: it.systemId, afterMs: it.afterMs, untilMs: it.untilMs, members: [i] });
    }
  }
  const out: RawReadingRow[][] = items.map(() => []);
  for (let s = 0; s < clusters.length; s += SELECTS_PER_STATEMENT) {
    const part = clusters.slice(s, s + SELECTS_PER_STATEMENT);
    const args: InValue[] = [];
    const selects = part.map((c, k) => {
      const points = [...new Set(c.members.map((i) => items[i].pointId))];
      args.push(s + k, c.systemId, c.afterMs, c.untilMs, ...points.map(String));
      return (
        `SELECT ? AS k, ${J.pointId}, x.measurement_time, ${J.value}, ${J.valueStr}, ${J.quality} ` +
        "FROM poll_readings x JOIN json_each(x.readings) j " +
        "WHERE x.system_id = ? AND x.measurement_time > ? AND x.measurement_time <= ? " +
        `AND j.key IN (${points.map(() => "?").join(",")})`
      );
    });
    const byClusterPoint = new Map<string, RawReadingRow[]>();
    for (const r of await queryRows(selects.join(" UNION ALL "), args)) {
      const key = `${r[0]}:${r[1]}`;
      if (!byClusterPoint.has(key)) byClusterPoint.set(key, []);
      byClusterPoint.get(key)!.push({
        pointId: Number(r[1]),
        timeMs: Number(r[2]),
        value: num(r[3]),
        valueStr: r[4] === null ? null : String(r[4]),
        quality: Number(r[5]),
      });
    }
    part.forEach((c, k) => {
      for (const i of c.members) {
        const it = items[i];
        const rows = byClusterPoint.get(`${s + k}:${it.pointId}`) ?? [];
        out[i] = rows.filter((r) => r.timeMs > it.afterMs && r.timeMs <= it.untilMs);
      }
    });
  }
  return out;
});

/** Raw rows of several (point, time range) pairs of one system, sorted by point then time (merged across callers). */
export async function loadRawRangesMerged(systemId: number, ranges: TimeRange[]): Promise<RawReadingRow[]> {
  const parts = await rawRangesMerged(ranges.map((r) => ({ ...r, systemId })));
  return parts.flat().sort((a, b) => a.pointId - b.pointId || a.timeMs - b.timeMs);
}

/** The last good counter value at or before a time: raw (bounded scan back), else the newest 5-minute `last`. */
const countersMerged = coalesce<CounterItem, number | null>(async (items) => {
  const out: Array<number | null> = [];
  for (let s = 0; s < items.length; s += 200) {
    const part = items.slice(s, s + 200);
    const args: InValue[] = [];
    const selects = part.map((it, i) => {
      args.push(i, it.systemId, it.pointId, it.atOrBeforeMs);
      const [k, sid, pid, at] = [1, 2, 3, 4].map((n) => `?${i * 4 + n}`);
      return `SELECT ${k} AS k, ${counterValueBefore(sid, pid, at)} AS v`;
    });
    const byK = new Map((await queryRows(selects.join(" UNION ALL "), args)).map((r) => [Number(r[0]), num(r[1])]));
    part.forEach((_, i) => out.push(byK.get(i) ?? null));
  }
  return out;
});

/** For each (point, time) of one system: the last good counter value at or before it (merged across callers). */
export function counterValuesBeforeMerged(
  systemId: number,
  items: Array<{ pointId: number; atOrBeforeMs: number }>,
): Promise<Array<number | null>> {
  return countersMerged(items.map((it) => ({ ...it, systemId })));
}

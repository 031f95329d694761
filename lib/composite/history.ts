import "server-only";
import type { HistorySeries } from "@/lib/api/contracts";
import { dayOfIntervalEnd, reduceDay, type StoredFiveMinute } from "@/lib/aggregation";
import { loadFiveMinuteWindowLive } from "@/lib/aggregation/open-tail";
import { fieldFor, queryPlainHistory } from "@/lib/history/plain-history";
import { pathMatcher } from "@/lib/points";
import { dayBounds, localDay } from "@/lib/time/zones";
import { combineSeries } from "./combine";
import { planOutputs, syntheticPointId, type Member } from "./plan";
import { loadCompositeSystem, resolveComposite } from "./resolve";

export interface CompositeHistoryRequest {
  /** Path globs; matched against the composite's synthetic paths (`source.solar/power`, `custom.pool/power` …). */
  pointKeys: string[];
  startMs: number;
  endMs: number;
  level: "5m" | "30m" | "daily";
  nowMs: number;
}

type Data = Array<[number, number | null]>;
const key = (systemId: number, pointId: number) => `${systemId}:${pointId}`;

/**
 * A composite's series from its sources' 5-minute, 30-minute or daily aggregates (intervals in progress included,
 * as for any system): power and energy summed per timestamp (5- and 30-minute ends are UTC-aligned),
 * SoC by capacity or averaged (labelled). Daily values are the composite's local days: a source in the same zone
 * uses its stored daily rows; a source in another zone is re-reduced from its 5-minute rows by the composite's days.
 */
export async function queryCompositeHistory(
  compositeId: number,
  req: CompositeHistoryRequest,
): Promise<HistorySeries[]> {
  const system = await loadCompositeSystem(compositeId);
  if (!system) return [];
  const resolved = await resolveComposite(system);
  // A composite's points are synthetic: asked for by path (globs) or by their negative synthetic id.
  const ids = new Set(req.pointKeys.filter((k) => /^-\d+$/.test(k)).map(Number));
  const globs = req.pointKeys.filter((k) => !/^-?\d+$/.test(k)).map(pathMatcher);
  const wanted = (path: string) => ids.has(syntheticPointId(path)) || globs.some((m) => m(path));
  const outputs = planOutputs(resolved.members).filter((o) => o.metric !== "text" && wanted(o.path));
  const needed = new Map<number, Member[]>();
  for (const m of outputs.flatMap((o) => o.members)) {
    if (!needed.has(m.systemId)) needed.set(m.systemId, []);
    if (!needed.get(m.systemId)!.some((x) => x.pointId === m.pointId)) needed.get(m.systemId)!.push(m);
  }

  const data = new Map<string, Data>();
  for (const [sourceId, members] of needed) {
    const source = resolved.sourceSystems.get(sourceId)!;
    if (req.level === "daily" && source.displayTimezone !== system.displayTimezone) {
      const byPoint = await dailyInZone(sourceId, members, req, system.displayTimezone);
      for (const [pointId, d] of byPoint) data.set(key(sourceId, pointId), d);
      continue;
    }
    const res = await queryPlainHistory(
      {
        systems: [{ id: sourceId, displayTimezone: source.displayTimezone }],
        pointKeys: members.map((m) => String(m.pointId)),
        startMs: req.startMs,
        endMs: req.endMs,
        nowMs: req.nowMs,
      },
      req.level,
    );
    for (const s of res.series) data.set(key(sourceId, s.pointId), s.data);
  }

  return outputs.map((o) => {
    const field = fieldFor({ transform: o.members[0].transform, metricType: o.metric }, req.level);
    return {
      systemId: system.id,
      pointId: o.pointId,
      path: o.path,
      displayName: o.displayName,
      unit: o.unit,
      field,
      data: combineSeries(
        o.combine,
        field === "delta" ? "delta" : "avg",
        o.members.map((m) => ({ data: data.get(key(m.systemId, m.pointId)) ?? [], weightWh: m.capacityWh })),
      ),
    };
  });
}

/** Daily values of a source's points by the composite's local days, reduced from its 5-minute rows (live tail too). */
async function dailyInZone(
  sourceId: number,
  members: Member[],
  req: CompositeHistoryRequest,
  zone: string,
): Promise<Map<number, Data>> {
  const fromDay = localDay(req.startMs, zone);
  const toDay = localDay(req.endMs - 1, zone);
  const from = dayBounds(fromDay, zone).startMs;
  const until = Math.min(dayBounds(toDay, zone).endMs, req.nowMs);
  const rows = await loadFiveMinuteWindowLive(
    sourceId,
    from,
    until,
    members.map((m) => m.pointId),
  );
  const groups = new Map<string, StoredFiveMinute[]>();
  for (const r of rows) {
    const k = `${r.pointId}|${dayOfIntervalEnd(r.intervalEndMs, zone)}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const out = new Map<number, Data>();
  for (const m of members) {
    const field = fieldFor({ transform: m.transform, metricType: m.metricType }, "daily");
    const d: Data = [];
    for (const [k, group] of groups) {
      const [pointId, day] = k.split("|");
      if (Number(pointId) !== m.pointId || day < fromDay || day > toDay) continue;
      const v = reduceDay(group);
      d.push([dayBounds(day, zone).startMs, field === "delta" ? v.delta : v.avg]);
    }
    out.set(
      m.pointId,
      d.sort((a, b) => a[0] - b[0]),
    );
  }
  return out;
}

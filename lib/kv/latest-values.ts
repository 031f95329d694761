import "server-only";
import type { PointRow } from "@/lib/db/queries/points";
import { pathOfPoint } from "@/lib/points";
import { kvKey, withKv } from "./client";
import { latestKey } from "./keys";

/** A point's newest value as the pipeline produces it (display form: `i` points already inverted). */
export interface LatestValue {
  pointId: number;
  value: number | null;
  valueStr: string | null;
  measurementTimeMs: number;
  receivedTimeMs: number;
}

/** The JSON stored in the `latest:system:{id}` hash. */
export interface CachedLatest extends LatestValue {
  unit: string;
  displayName: string;
}

// Sets each field only if the cached value is not newer: a back-fill or a re-fetch of yesterday must not
// overwrite the live value. ARGV is (field, json, measurementTimeMs) triples.
const SET_IF_NEWER = `
for i = 1, #ARGV, 3 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  local newer = true
  if cur then
    local ok, obj = pcall(cjson.decode, cur)
    if ok and type(obj) == 'table' and tonumber(obj.measurementTimeMs) and tonumber(obj.measurementTimeMs) > tonumber(ARGV[i + 2]) then
      newer = false
    end
  end
  if newer then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1`;

/** The hash field of a point: its path, or `point:{id}` when unclassified or when another point shares the path. */
export function latestField(point: PointRow, all: Iterable<PointRow>): string {
  const path = pathOfPoint(point);
  if (!path) return `point:${point.id}`;
  for (const other of all) if (other.id !== point.id && pathOfPoint(other) === path) return `point:${point.id}`;
  return path;
}

/** Writes the newest values of a system to the cache; a cache failure is logged (rate-limited) and ignored. */
export async function writeLatestValues(
  systemId: number,
  points: Map<number, PointRow>,
  values: LatestValue[],
): Promise<boolean> {
  if (!values.length) return true;
  const args: string[] = [];
  for (const v of values) {
    const point = points.get(v.pointId);
    if (!point) continue;
    const cached: CachedLatest = { ...v, unit: point.metricUnit, displayName: point.displayName };
    args.push(latestField(point, points.values()), JSON.stringify(cached), String(v.measurementTimeMs));
  }
  const outcome = await withKv((redis) => redis.eval(SET_IF_NEWER, [kvKey(latestKey(systemId))], args));
  return outcome.ok;
}

/** The cached values of a system, or null when the cache is off, failing, or holds nothing for it. */
export async function readLatestValues(systemId: number): Promise<CachedLatest[] | null> {
  const outcome = await withKv((redis) => redis.hgetall<Record<string, string>>(kvKey(latestKey(systemId))));
  if (!outcome.ok || !outcome.value) return null;
  const values: CachedLatest[] = [];
  for (const raw of Object.values(outcome.value)) {
    try {
      const v = (typeof raw === "string" ? JSON.parse(raw) : raw) as CachedLatest;
      if (typeof v?.pointId === "number" && typeof v.measurementTimeMs === "number") values.push(v);
    } catch {
      // A corrupt field is skipped; the next poll rewrites it.
    }
  }
  return values.length ? values : null;
}

/** Deletes a system's cached values (system removed, or points reclassified in bulk). */
export async function clearLatestValues(systemId: number): Promise<boolean> {
  return (await withKv((redis) => redis.del(kvKey(latestKey(systemId))))).ok;
}

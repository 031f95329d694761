import type { MetricType, PointType } from "@/lib/points";
import type { PointDefinition } from "./types";

/** A point definition from its vendor field, name, path parts `[type, subtype, extension]`, metric and unit. */
export function definePoint(
  originId: string,
  name: string,
  path: [PointType, string | null, string | null],
  metricType: MetricType,
  unit: string,
  subsystem: string,
  transform: "d" | null = null,
): PointDefinition {
  const [type, subtype, extension] = path;
  return { originId, name, type, subtype, extension, metricType, unit, transform, subsystem };
}

/** Whether a fixed-interval poll is due: never polled, or the interval has passed since the last attempt. */
export function dueEvery(intervalMs: number, lastPollMs: number | null, now: Date): boolean {
  return lastPollMs === null || now.getTime() - lastPollMs >= intervalMs;
}

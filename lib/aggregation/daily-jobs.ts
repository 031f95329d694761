import "server-only";
import { DateTime } from "luxon";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { dayBounds, nextDay } from "@/lib/time/zones";
import { closeQuietSystems } from "./close-intervals";
import { clearPendingDay, listPendingDays } from "./pending-days";
import { aggregateDays } from "./store-daily";

/** The longest day range regenerate/clear accept in one call (about five years). */
export const MAX_REGENERATE_DAYS = 1830;

export interface DailyJobResult {
  systems: number;
  days: number;
  rows: number;
  /** Rows the afterDaily step wrote (energy_daily rows for the same days, composites included); 0 without one. */
  accountRows: number;
}

/**
 * A step that follows the aggregation of some (system, days) — the energy accounts (lib/accounts
 * accountsAfterDaily) — given by the caller, so this layer imports nothing above it. Returns rows written.
 */
export type AfterDaily = (written: Array<{ systemId: number; days: string[] }>, nowMs: number) => Promise<number>;

/**
 * Aggregates every (system, local day) that has ended and whose 5-minute data is newer than its daily rows
 * (marked pending by the 5-minute writer), so a missed or late cron never leaves a hole. Idempotent. Ended
 * 5-minute intervals of quiet systems are closed first (lib/aggregation/close-intervals.ts).
 */
export async function catchUpDaily(
  options: { now?: Date; systemId?: number; afterDaily?: AfterDaily } = {},
): Promise<DailyJobResult> {
  const nowMs = (options.now ?? new Date()).getTime();
  // Intervals that ended without a poll to close them (a quiet system) are stored first, so days are whole.
  await closeQuietSystems(nowMs, options.systemId);
  const pending = (await listPendingDays(options.systemId)).filter((p) => dayBounds(p.day, p.zone).endMs <= nowMs);
  const bySystem = new Map<number, typeof pending>();
  for (const p of pending) bySystem.set(p.systemId, [...(bySystem.get(p.systemId) ?? []), p]);
  let rows = 0;
  for (const [systemId, days] of bySystem) {
    rows += await aggregateDays(
      { id: systemId, displayTimezone: days[0].zone },
      days.map((d) => d.day),
      Date.now(),
    );
    for (const d of days) await clearPendingDay(systemId, d.day, d.version);
  }
  const written = [...bySystem].map(([systemId, days]) => ({ systemId, days: days.map((d) => d.day) }));
  const accountRows = options.afterDaily ? await options.afterDaily(written, nowMs) : 0;
  const result = { systems: bySystem.size, days: pending.length, rows, accountRows };
  console.info(JSON.stringify({ level: "info", message: "daily catch-up", ...result }));
  return result;
}

/** A bad day range given to regenerate/clear (the route answers 400 with the message). */
export class DayRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DayRangeError";
  }
}

/** Every YYYY-MM-DD day from `from` to `to` inclusive; throws past MAX_REGENERATE_DAYS or if from > to. */
export function daysBetween(from: string, to: string): string[] {
  if (!DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid)
    throw new DayRangeError("Days must be YYYY-MM-DD");
  if (from > to) throw new DayRangeError(`'from' (${from}) is after 'to' (${to})`);
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    days.push(d);
    if (days.length > MAX_REGENERATE_DAYS) throw new DayRangeError(`At most ${MAX_REGENERATE_DAYS} days at a time`);
  }
  return days;
}

/** Recomputes the daily rows of one system (or every non-removed system) for a range of local days. */
export async function regenerateDaily(
  systemId: number | null,
  fromDay: string,
  toDay: string,
  afterDaily?: AfterDaily,
): Promise<DailyJobResult> {
  const days = daysBetween(fromDay, toDay);
  const systems = await listPipelineSystems(systemId === null ? null : [systemId]);
  let rows = 0;
  const nowMs = Date.now();
  for (const system of systems) {
    rows += await aggregateDays(system, days, nowMs);
    const ended = days.filter((d) => dayBounds(d, system.displayTimezone).endMs <= nowMs);
    const pending = await listPendingDays(system.id);
    for (const p of pending) if (ended.includes(p.day)) await clearPendingDay(system.id, p.day, p.version);
  }
  // Composites have no aggregates of their own, but the step gives them their accounts from their sources'.
  const written = systems.map((s) => ({ systemId: s.id, days }));
  const accountRows = afterDaily ? await afterDaily(written, nowMs) : 0;
  return { systems: systems.length, days: days.length, rows, accountRows };
}

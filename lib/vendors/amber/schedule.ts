import "server-only";
import { z } from "zod";
import type { AmberRecord } from "./client";

/** Prices are fetched on every poll (5 min); usage when the last usage fetch is older than this (≈ hourly). */
export const USAGE_REFRESH_MS = 55 * 60_000;
/** Poll interval: prices every 5 minutes, with 15 s of slack for cron jitter. */
export const AMBER_POLL_INTERVAL_MS = 5 * 60_000 - 15_000;
/** A new system's first usage fetch covers today and the two NEM days before it. */
export const USAGE_BACKFILL_DAYS = 2;
/** Amber answers at most 7 days of usage per call; we never look further back than that. */
export const USAGE_MAX_DAYS = 7;

const NEM_OFFSET_MS = 10 * 3_600_000;
const DAY_MS = 86_400_000;

/** What the adapter remembers between polls: when usage was last fetched, and from which NEM day it is not final. */
export const amberStateSchema = z.object({
  usageFetchedAtMs: z.number().finite(),
  usageFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type AmberState = z.infer<typeof amberStateSchema>;

/** The NEM (UTC+10) date of an instant. */
export const nemDateOf = (ms: number) => new Date(ms + NEM_OFFSET_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  nemDateOf(Date.parse(`${date}T00:00:00Z`) - NEM_OFFSET_MS + days * DAY_MS);

/** Saved state, or null when missing or unusable (a fresh back-fill then starts). */
export function readState(state: unknown): AmberState | null {
  const parsed = amberStateSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/** Whether this poll should also fetch usage: never fetched, or the last fetch is more than USAGE_REFRESH_MS old. */
export function usageDue(state: AmberState | null, nowMs: number): boolean {
  return !state || nowMs - state.usageFetchedAtMs > USAGE_REFRESH_MS || state.usageFetchedAtMs > nowMs;
}

/** The NEM dates to ask usage for: from the first day not yet final (bounded to 7 days) to today. */
export function usageRange(state: AmberState | null, nowMs: number): { startDate: string; endDate: string } {
  const endDate = nemDateOf(nowMs);
  const earliest = addDays(endDate, -(USAGE_MAX_DAYS - 1));
  const wanted = state?.usageFrom ?? addDays(endDate, -USAGE_BACKFILL_DAYS);
  const startDate = wanted < earliest ? earliest : wanted > endDate ? endDate : wanted;
  return { startDate, endDate };
}

/**
 * Where the next usage fetch starts: the NEM day of the earliest record that is not billable yet; when all are
 * billable, the day of the newest record (newer intervals will appear there); with no records, unchanged.
 */
export function nextUsageFrom(records: AmberRecord[], startDate: string): string {
  let pending: number | null = null;
  let newest: number | null = null;
  for (const r of records) {
    const end = Date.parse(r.endTime);
    if (!Number.isFinite(end)) continue;
    const start = end - r.duration * 60_000;
    if ((r.quality ?? "").toLowerCase() !== "billable") pending = pending === null ? start : Math.min(pending, start);
    newest = newest === null ? start : Math.max(newest, start);
  }
  const at = pending ?? newest;
  return at === null ? startDate : nemDateOf(at);
}

import "server-only";
import { after } from "next/server";
import { DateTime } from "luxon";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { planForDay } from "@/lib/tariffs/calendar";
import { localDay } from "@/lib/time/zones";
import type { CostPlan } from "./compute";
import { plansOf, writeDailyCosts } from "./job";
import { loadCostDays } from "./store";

/** How far back a plan change reprices stored days at once: the 13 months the dashboard reads, and a little more. */
export const REPRICE_DAYS = 400;

/** The stored days whose plan (id and version) is not the one in force on them now: priced with an old plan. */
export function staleDays(
  stored: ReadonlyArray<{ day: string; planId: number | null; planVersion: number | null }>,
  plans: readonly CostPlan[],
): string[] {
  const sorted = [...plans].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return stored
    .filter((s) => {
      const plan = planForDay(sorted, s.day);
      return s.planId !== (plan?.id ?? null) || s.planVersion !== (plan?.version ?? null);
    })
    .map((s) => s.day);
}

/**
 * After a plan was added, changed or removed: the stored days of the last REPRICE_DAYS days priced with another
 * plan (or version) than the one now in force are priced again and stored. Older stale days are priced on read.
 */
export async function repriceAfterPlanChange(systemId: number, nowMs = Date.now()): Promise<number> {
  const [system] = await listPipelineSystems([systemId]);
  if (!system || system.status === "removed") return 0;
  const today = localDay(nowMs, system.displayTimezone);
  const from = DateTime.fromISO(today, { zone: "utc" }).minus({ days: REPRICE_DAYS }).toISODate()!;
  const [plans, stored] = await Promise.all([plansOf(systemId), loadCostDays(systemId, from, today)]);
  const days = staleDays(stored, plans).filter((d) => d < today);
  return days.length ? writeDailyCosts(system, days, nowMs) : 0;
}

/**
 * Reprices after a plan change once the response is sent (next/server `after`: the request's answer does not wait,
 * and the platform keeps the function alive for it). Outside a request (scripts, tests) it runs before returning.
 */
export async function repriceInBackground(systemId: number): Promise<void> {
  const task = async () => {
    try {
      await repriceAfterPlanChange(systemId);
    } catch (err) {
      // Stale days are still priced again on read; the change itself succeeded.
      console.error(`costs: repricing system ${systemId} after a plan change failed`, err);
    }
  };
  try {
    after(task);
  } catch {
    await task();
  }
}

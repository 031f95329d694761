import "server-only";
import { dayBounds } from "@/lib/time/zones";
import type { EvPlan } from "./points";
import { counterBounds } from "./store";

/**
 * Km driven per month (YYYY-MM) between local days from..to, from the vehicle's odometer: the newest reading
 * before the month's part of the range (else its first reading in it) to the newest reading in it. A month with
 * fewer than two readings to compare is absent (unknown, never 0 km); without an odometer point the map is empty.
 */
export async function kmByMonth(
  systemId: number,
  zone: string,
  plan: EvPlan,
  from: string,
  to: string,
  nowMs: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const odometerId = plan.vehicle?.odometerId ?? null;
  if (odometerId === null || from > to) return out;
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
    const first = `${month}-01` > from ? `${month}-01` : from;
    const last = lastDay(month) < to ? lastDay(month) : to;
    const startMs = dayBounds(first, zone).startMs;
    const endMs = Math.min(dayBounds(last, zone).endMs, nowMs);
    if (endMs <= startMs) continue;
    const b = await counterBounds(plan.vehicle?.systemId ?? systemId, odometerId, startMs, endMs);
    const start = b.before ?? b.first;
    // One reading only (no earlier one): nothing to compare it with.
    if (!start || !b.last || b.last.endMs === start.endMs) continue;
    if (b.last.value >= start.value) out.set(month, b.last.value - start.value);
  }
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

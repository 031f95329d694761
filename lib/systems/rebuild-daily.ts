import "server-only";
import { clearDailyAccounts } from "@/lib/accounts/days";
import { clearDaily, MAX_REGENERATE_DAYS, regenerateDaily } from "@/lib/aggregation";
import { regenerateAccountsAndSessions } from "@/lib/ev/after-daily";
import { clearSessionDays } from "@/lib/ev/store";
import { localDay, nextDay } from "@/lib/time/zones";
import { firstFiveMinuteEnd } from "./store";

/**
 * Daily rows (energy accounts, charging sessions) are local calendar days, so a new display time zone makes every stored day wrong:
 * clear them and rebuild from the system's first 5-minute interval to today, in the new zone. Returns the days rebuilt.
 */
export async function rebuildDailyForZone(systemId: number, zone: string, nowMs = Date.now()): Promise<number> {
  await clearDaily(systemId);
  await clearDailyAccounts(systemId);
  await clearSessionDays(systemId);
  const first = await firstFiveMinuteEnd(systemId);
  if (first === null) return 0;
  // An interval ending at local midnight belongs to the day before: start from the day of its first instant.
  const today = localDay(nowMs, zone);
  let from = localDay(first - 1, zone);
  let days = 0;
  while (from <= today) {
    let to = from;
    for (let i = 1; i < MAX_REGENERATE_DAYS && to < today; i++) to = nextDay(to);
    await regenerateDaily(systemId, from, to, regenerateAccountsAndSessions);
    days += 1 + Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    from = nextDay(to);
  }
  return days;
}

import "server-only";
import { dayBounds, localDay } from "@/lib/time/zones";
import { ApiError } from "@/lib/api/errors";
import { putBackfillJob, type BackfillJobRow } from "./store";

/** How far back a history import may reach. */
export const MAX_HISTORY_DAYS = 5 * 366;

/**
 * Starts "import history from <day>": from that local day's midnight to today's (the polls own today), in the
 * system's zone. Starting again replaces the previous job; rows already imported stay and are not fetched twice
 * only if the new range excludes them (a re-import writes the same rows: nothing changes).
 */
export async function startBackfill(
  system: { id: number; displayTimezone: string },
  fromDay: string,
  requestedBy: string | null,
  nowMs: number,
): Promise<BackfillJobRow> {
  const zone = system.displayTimezone;
  const toMs = dayBounds(localDay(nowMs, zone), zone).startMs;
  let fromMs: number;
  try {
    fromMs = dayBounds(fromDay, zone).startMs;
  } catch {
    throw new ApiError("BAD_REQUEST", "from must be a date (YYYY-MM-DD)");
  }
  if (fromMs >= toMs) throw new ApiError("BAD_REQUEST", "from must be a day before today: today is polled already");
  if (toMs - fromMs > MAX_HISTORY_DAYS * 86_400_000) {
    throw new ApiError("BAD_REQUEST", `History can be imported for at most ${MAX_HISTORY_DAYS} days back`);
  }
  return putBackfillJob({ systemId: system.id, fromMs, toMs, requestedBy, nowMs });
}

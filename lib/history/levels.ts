import type { HistoryAggregation } from "@/lib/api/contracts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Named ranges ending now. */
export const RANGE_MS = {
  "1H": HOUR_MS,
  "6H": 6 * HOUR_MS,
  "24H": DAY_MS,
  "7D": 7 * DAY_MS,
  "30D": 30 * DAY_MS,
} as const;
export type RangeName = keyof typeof RANGE_MS;

/** Longest span each level may be asked for (keeps a response to a few thousand points per series). */
export const SPAN_LIMIT_MS: Record<HistoryAggregation, number> = {
  raw: 48 * HOUR_MS,
  "5m": 35 * DAY_MS,
  "30m": 35 * DAY_MS,
  daily: 5 * 366 * DAY_MS,
};

/** Finest to coarsest. */
const LEVELS: readonly HistoryAggregation[] = ["raw", "5m", "30m", "daily"];

/**
 * Automatic level: raw up to 6 h (if still within raw retention), 5-minute up to 2 days, 30-minute up to 8 days
 * (a week is 336 points a series instead of 2,016), daily beyond. A level whose retention (days, null for ever) has
 * already removed the range's start gives way to the next coarser one (lib/retention).
 */
export function chooseLevel(
  startMs: number,
  endMs: number,
  nowMs: number,
  rawRetentionDays: number,
  retention: { "5m"?: number | null; "30m"?: number | null } = {},
): HistoryAggregation {
  const span = endMs - startMs;
  const kept = (days: number | null | undefined) =>
    days === null || days === undefined || startMs >= nowMs - days * DAY_MS;
  if (span <= 6 * HOUR_MS && kept(rawRetentionDays)) return "raw";
  if (span <= 2 * DAY_MS && kept(retention["5m"])) return "5m";
  if (span <= 8 * DAY_MS && kept(retention["30m"])) return "30m";
  return "daily";
}

const describe = (ms: number) =>
  ms >= 2 * DAY_MS ? `${(ms / DAY_MS).toFixed(1)} days` : `${(ms / HOUR_MS).toFixed(1)} hours`;

/**
 * A message a person can act on when the span is too long for the level, else null: it names the coarser levels
 * that cover the span (5m and 30m share a limit, so a too-long 5m request is pointed at daily).
 */
export function spanProblem(level: HistoryAggregation, startMs: number, endMs: number): string | null {
  const span = endMs - startMs;
  if (span <= SPAN_LIMIT_MS[level]) return null;
  const coarser = LEVELS.slice(LEVELS.indexOf(level) + 1)
    .filter((l) => span <= SPAN_LIMIT_MS[l])
    .map((l) => `aggregation=${l}`);
  const next = coarser.length > 1 ? `${coarser.slice(0, -1).join(", ")} or ${coarser[coarser.length - 1]}` : coarser[0];
  return (
    `aggregation=${level} covers at most ${describe(SPAN_LIMIT_MS[level])}; this request spans ${describe(span)}. ` +
    (next ? `Use ${next}, or a shorter range.` : "Ask for a shorter range.")
  );
}

import { formatAge, freshness, freshnessLabel, type Freshness } from "@/lib/format";
import { cn } from "@/lib/utils";

const DOT: Record<Freshness | "none", string> = {
  fresh: "bg-emerald-500",
  stale: "bg-amber-500",
  old: "bg-red-500",
  none: "bg-muted-foreground/50",
};

const TEXT: Record<Freshness | "none", string> = {
  fresh: "text-emerald-700 dark:text-emerald-400",
  stale: "text-amber-700 dark:text-amber-400",
  old: "text-red-700 dark:text-red-400",
  none: "text-muted-foreground",
};

/** Coloured dot for a freshness class; decorative, so always pair it with text (visible or sr-only). */
export function FreshnessDot({ value, className }: { value: Freshness | "none"; className?: string }) {
  return (
    <span aria-hidden="true" className={cn("inline-block size-2.5 shrink-0 rounded-full", DOT[value], className)} />
  );
}

/** The class of a timestamp at `nowMs` for a vendor's data cadence: fresh / stale / old, or "none" if nothing came. */
export function freshnessOf(timeMs: number | null, nowMs: number, cadenceMs?: number): Freshness | "none" {
  return timeMs === null ? "none" : freshness(nowMs - timeMs, cadenceMs);
}

/**
 * "● Live · updated 2 min ago": dot, word and age, so the state never depends on colour alone.
 * `data-freshness` carries the class for tests and styling.
 */
export function FreshnessBadge({
  timeMs,
  nowMs,
  cadenceMs,
  emptyText = "No data yet",
  className,
  ...rest
}: {
  timeMs: number | null;
  nowMs: number;
  /** How often this system's vendor delivers new data (absent: every minute). */
  cadenceMs?: number;
  emptyText?: string;
  className?: string;
  "data-testid"?: string;
}) {
  const value = freshnessOf(timeMs, nowMs, cadenceMs);
  const text =
    timeMs === null
      ? emptyText
      : `${freshnessLabel(value as Freshness, cadenceMs)} · updated ${formatAge(nowMs - timeMs)}`;
  return (
    <span
      data-freshness={value}
      className={cn(
        "inline-flex items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium",
        TEXT[value],
        className,
      )}
      {...rest}
    >
      <FreshnessDot value={value} />
      {text}
    </span>
  );
}

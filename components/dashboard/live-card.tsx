import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatAge, formatDateTime, freshness, freshnessLabel, type Freshness } from "@/lib/format";
import { cn } from "@/lib/utils";
import { FreshnessDot } from "./freshness-badge";

const BORDER: Record<Freshness, string> = {
  fresh: "",
  stale: "border-amber-500/70",
  old: "border-red-500/70",
};
const AGE_TEXT: Record<Freshness, string> = {
  fresh: "text-muted-foreground",
  stale: "font-medium text-amber-700 dark:text-amber-400",
  old: "font-medium text-red-700 dark:text-red-400",
};

/**
 * One live metric tile: title with icon, the value(s), and the age of the reading it shows, in the warning colour when delayed and
 * red when offline for the vendor's cadence (with the word, so colour is never the only signal).
 */
export function LiveCard({
  title,
  icon: Icon,
  accent,
  measuredAtMs,
  nowMs,
  timezone,
  cadenceMs,
  testId,
  children,
}: {
  title: string;
  icon: LucideIcon;
  /** Tailwind text colour of the icon, e.g. "text-solar". */
  accent: string;
  measuredAtMs: number;
  nowMs: number;
  timezone: string;
  /** How often the system's data normally arrives (freshness is judged against it). */
  cadenceMs?: number;
  testId?: string;
  children: ReactNode;
}) {
  const age = nowMs - measuredAtMs;
  const fresh = freshness(age, cadenceMs);
  return (
    <Card className={cn("flex flex-col gap-3 p-4", BORDER[fresh])} data-testid={testId} data-freshness={fresh}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="truncate text-sm font-medium text-muted-foreground" title={title}>
          {title}
        </h3>
        <Icon className={cn("size-5 shrink-0", accent)} aria-hidden="true" />
      </div>
      <div className="flex-1 space-y-2">{children}</div>
      <p className={cn("flex items-center gap-1.5 text-xs", AGE_TEXT[fresh])} data-testid={testId && `${testId}-age`}>
        {fresh !== "fresh" && <FreshnessDot value={fresh} />}
        {fresh !== "fresh" && <span>{freshnessLabel(fresh, cadenceMs)} ·</span>}
        <time dateTime={new Date(measuredAtMs).toISOString()} title={formatDateTime(measuredAtMs, timezone)}>
          {formatAge(age)}
        </time>
      </p>
    </Card>
  );
}

/** The big number of a card, with its raw canonical value in data-value for tests and tooling. */
export function LiveNumber({
  testId,
  rawValue,
  children,
  className,
}: {
  testId: string;
  rawValue: number;
  children: ReactNode;
  className?: string;
}) {
  return (
    <p
      data-testid={testId}
      data-value={rawValue}
      className={cn("text-2xl font-semibold tabular-nums sm:text-3xl", className)}
    >
      {children}
    </p>
  );
}

import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatAge, formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

/** One live metric tile: title with icon, the value(s), and the age of the reading it shows. */
export function LiveCard({
  title,
  icon: Icon,
  accent,
  measuredAtMs,
  nowMs,
  timezone,
  children,
}: {
  title: string;
  icon: LucideIcon;
  /** Tailwind text colour of the icon, e.g. "text-solar". */
  accent: string;
  measuredAtMs: number;
  nowMs: number;
  timezone: string;
  children: ReactNode;
}) {
  return (
    <Card className="flex flex-col gap-3 p-4">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-muted-foreground">{title}</h3>
        <Icon className={cn("size-5", accent)} aria-hidden="true" />
      </div>
      <div className="flex-1 space-y-2">{children}</div>
      <p className="text-xs text-muted-foreground">
        <time dateTime={new Date(measuredAtMs).toISOString()} title={formatDateTime(measuredAtMs, timezone)}>
          {formatAge(nowMs - measuredAtMs)}
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

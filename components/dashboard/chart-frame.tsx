import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyPanel, ErrorPanel } from "./state-panels";

export type ChartState = "loading" | "error" | "empty" | "ready";

/**
 * A titled chart section: heading, subtitle and actions (e.g. CSV) above a card that shows a skeleton while
 * loading, the API's message on error (with retry), a "what to do" note when empty, or the chart.
 */
export function ChartFrame({
  id,
  title,
  subtitle,
  actions,
  state,
  error,
  onRetry,
  emptyTitle,
  empty,
  testId,
  heightClass = "h-72 sm:h-80",
  children,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  state: ChartState;
  error?: string | null;
  onRetry?: () => void;
  emptyTitle?: string;
  empty?: ReactNode;
  testId: string;
  heightClass?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            {title}
          </h2>
          {subtitle && <p className="text-sm text-muted-foreground">{subtitle}</p>}
        </div>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      {state === "ready" && error && (
        <ErrorPanel title="Refresh failed, showing the last data" message={error} onRetry={onRetry} />
      )}
      <Card data-testid={testId} data-state={state} className="p-2 sm:p-4">
        {state === "error" && (
          <ErrorPanel
            className="border-0 shadow-none"
            title={`Could not load ${title.toLowerCase()}`}
            message={error ?? "Unknown error"}
            onRetry={onRetry}
          />
        )}
        {state === "empty" && (
          <EmptyPanel className="border-0 shadow-none" title={emptyTitle ?? "No data for this period"}>
            {empty}
          </EmptyPanel>
        )}
        {state === "loading" && (
          <div role="status" aria-label={`Loading ${title.toLowerCase()}`} className={heightClass}>
            <Skeleton className="h-full w-full" />
          </div>
        )}
        {state === "ready" && children}
      </Card>
    </section>
  );
}

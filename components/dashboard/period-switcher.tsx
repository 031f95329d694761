import Link from "next/link";
import { ChevronLeft, ChevronRight, Radio } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { PERIOD_LABELS, periodLinks, type Period } from "@/lib/dashboard/period";
import { dayStartMs, formatDay, formatLongDay } from "@/lib/format";
import { cn } from "@/lib/utils";
import { PeriodPicker } from "./period-picker";

const MONTHS = "January February March April May June July August September October November December".split(" ");

/**
 * "Monday 16 June 2025" for a day, "10 Jun – 16 Jun 2025" for a range, "June 2025" for a month, "2025" for a year,
 * "All time" for the whole life, in the system's zone.
 */
export function periodTitle(p: Period, zone: string): string {
  const end = dayStartMs(p.endDay, zone);
  if (p.kind === "1D") return formatLongDay(end, zone);
  if (p.kind === "M") return `${MONTHS[Number(p.startDay.slice(5, 7)) - 1]} ${p.startDay.slice(0, 4)}`;
  if (p.kind === "Y") return p.startDay.slice(0, 4);
  if (p.kind === "ALL") return "All time";
  return `${formatDay(dayStartMs(p.startDay, zone), zone)} – ${formatDay(end, zone)} ${p.endDay.slice(0, 4)}`;
}

/**
 * 1D / 7D / 30D / Month / Year / All time tabs with a date picker, previous / next and back to live; every state is
 * a link (`?period=&date=`), so the browser's back button, bookmarks and keyboard navigation all work.
 */
export function PeriodSwitcher({
  basePath,
  period,
  today,
  zone,
}: {
  basePath: string;
  period: Period;
  today: string;
  zone: string;
}) {
  const links = periodLinks(period, today);
  const href = (search: string) => `${basePath}${search}`;
  const nav = cn(buttonVariants({ variant: "outline", size: "sm" }), "px-2");
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between" data-testid="period-switcher">
      <div className="min-w-0">
        <p className="text-lg font-semibold" data-testid="period-label" aria-live="polite">
          {periodTitle(period, zone)}
        </p>
        <p className="text-sm text-muted-foreground">
          {period.live ? "Up to now, updating every 5 minutes" : "A past period"} · times in {zone}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Period length" className="inline-flex rounded-md border p-0.5">
          {links.kinds.map(({ kind, search }) => (
            <Link
              key={kind}
              href={href(search)}
              scroll={false}
              data-testid={`period-${kind}`}
              aria-current={kind === period.kind ? "page" : undefined}
              className={cn(
                "rounded px-3 py-1.5 text-sm font-medium",
                kind === period.kind ? "bg-primary text-primary-foreground" : "hover:bg-accent",
              )}
            >
              {PERIOD_LABELS[kind]}
            </Link>
          ))}
        </nav>
        <nav aria-label="Move period" className="flex items-center gap-1">
          <PeriodPicker basePath={basePath} period={period} today={today} />
          {links.previous === null ? (
            <span
              aria-disabled="true"
              className={cn(nav, "pointer-events-none opacity-50")}
              data-testid="period-previous"
            >
              <ChevronLeft aria-hidden="true" />
              <span className="sr-only sm:not-sr-only">Previous</span>
            </span>
          ) : (
            <Link href={href(links.previous)} scroll={false} className={nav} data-testid="period-previous">
              <ChevronLeft aria-hidden="true" />
              <span className="sr-only sm:not-sr-only">Previous</span>
            </Link>
          )}
          {links.next === null ? (
            <span aria-disabled="true" className={cn(nav, "pointer-events-none opacity-50")} data-testid="period-next">
              <span className="sr-only sm:not-sr-only">Next</span>
              <ChevronRight aria-hidden="true" />
            </span>
          ) : (
            <Link href={href(links.next)} scroll={false} className={nav} data-testid="period-next">
              <span className="sr-only sm:not-sr-only">Next</span>
              <ChevronRight aria-hidden="true" />
            </Link>
          )}
          {!period.live && period.kind !== "ALL" && (
            <Link href={href(links.live)} scroll={false} className={nav} data-testid="period-live">
              <Radio aria-hidden="true" />
              Live
            </Link>
          )}
        </nav>
      </div>
    </div>
  );
}

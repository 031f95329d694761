"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { oldestDay, searchFor, type Period } from "@/lib/dashboard/period";

/**
 * Jump to a date: a day for 1D / 7D / 30D (the period's last day), a month for Month, a year for Year. The choice
 * becomes the same `?period=&date=` link as the arrows, so back and bookmarks keep working.
 */
export function PeriodPicker({ basePath, period, today }: { basePath: string; period: Period; today: string }) {
  const router = useRouter();
  const id = useId();
  if (period.kind === "ALL") return null;
  const go = (day: string) => router.push(`${basePath}${searchFor(period.kind, day, today)}`, { scroll: false });
  const oldest = oldestDay(today);
  const input = "h-9 rounded-md border bg-background px-2 text-sm";
  if (period.kind === "Y") {
    const years = [];
    for (let y = Number(today.slice(0, 4)); y >= Number(oldest.slice(0, 4)); y--) years.push(String(y));
    return (
      <>
        <label htmlFor={id} className="sr-only">
          Year
        </label>
        <select
          id={id}
          data-testid="period-picker"
          className={input}
          value={period.startDay.slice(0, 4)}
          onChange={(e) => go(`${e.target.value}-12-31`)}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </>
    );
  }
  const month = period.kind === "M";
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {month ? "Month" : "Last day of the period"}
      </label>
      <input
        id={id}
        data-testid="period-picker"
        type={month ? "month" : "date"}
        className={input}
        min={month ? oldest.slice(0, 7) : oldest}
        max={month ? today.slice(0, 7) : today}
        value={month ? period.startDay.slice(0, 7) : period.endDay}
        onChange={(e) => {
          const v = e.target.value;
          if (/^\d{4}-\d{2}$/.test(v)) go(`${v}-01`);
          else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) go(v);
        }}
      />
    </>
  );
}

"use client";

import { createContext, useContext, useEffect, useState, type ReactElement } from "react";
import { ResponsiveContainer, useActiveTooltipDataPoints, useIsTooltipActive } from "recharts";

/*
 * Chart values for keyboard, touch and screen-reader users, once for every Recharts chart.
 *
 * Recharts' accessibility layer makes the chart surface focusable (Tab) and moves its tooltip with ← and →. This
 * adds what it lacks: a name and a usage hint on the surface, a visible line under the chart with the values the
 * tooltip shows (it stays after a tap, so touch users can read it), and a polite live region that reads the same
 * line while the chart has keyboard focus. A chart file uses <AccessibleChart> in place of its ResponsiveContainer,
 * spreads chartSurfaceProps(name) on the Recharts chart and puts <ChartActiveRow /> inside it; `describe` turns one
 * data row into the sentence shown and read out.
 */

type Report = (row: unknown) => void;
const ReportContext = createContext<Report | null>(null);

/** Inside a Recharts chart: reports the row its tooltip points at (keyboard, mouse or touch) to <AccessibleChart>. */
export function ChartActiveRow() {
  const report = useContext(ReportContext);
  const active = useIsTooltipActive();
  const points = useActiveTooltipDataPoints();
  const row = active ? (points?.[0] ?? null) : null;
  // Only a row pointed at is reported: the readout keeps it after the finger lifts or the pointer leaves.
  useEffect(() => {
    if (row != null) report?.(row);
  }, [report, row]);
  return null;
}

/** Props for the Recharts chart element: the surface's accessible name, with how to use it. */
export function chartSurfaceProps(name: string) {
  return { "aria-label": `${name}: use the left and right arrow keys to read each value` } as const;
}

/**
 * A full-size ResponsiveContainer with the readout under it. The readout keeps the last row pointed at (a tap, a
 * hover, an arrow key); the live region speaks only while focus is inside the chart.
 */
export function AccessibleChart<Row>({
  describe,
  children,
  testId = "chart-readout",
}: {
  describe: (row: Row) => string;
  children: ReactElement;
  testId?: string;
}) {
  const [row, setRow] = useState<Row | null>(null);
  const [focused, setFocused] = useState(false);
  const text = row ? describe(row) : null;
  return (
    <div className="flex h-full flex-col">
      <ReportContext.Provider value={setRow as Report}>
        <div
          className="min-h-0 flex-1"
          onFocus={() => setFocused(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
          }}
        >
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      </ReportContext.Provider>
      <p className="min-h-4 px-1 pt-1 text-xs text-muted-foreground" data-testid={testId}>
        {text ?? "Tap the chart, or focus it and use ← → to read each value."}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid={`${testId}-live`}>
        {focused && text ? text : ""}
      </p>
    </div>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { Flow } from "@/lib/energy";
import { formatDay, formatEnergy, formatShortDate } from "@/lib/format";
import { AccessibleChart, ChartActiveRow, chartSurfaceProps } from "./chart-a11y";
import { AXIS_STROKE, AXIS_TICK, FLOW_COLORS } from "./chart-theme";
import type { DailyBarRow } from "./daily-energy-data";

const BARS: Array<{ flow: Flow; label: string; color: string; stack: "in" | "out"; opacity: number }> = [
  { flow: "solar", label: "Solar", color: FLOW_COLORS.solar, stack: "in", opacity: 0.9 },
  { flow: "batteryDischarge", label: "Battery discharge", color: FLOW_COLORS.battery, stack: "in", opacity: 0.9 },
  { flow: "gridImport", label: "Grid import", color: FLOW_COLORS.grid, stack: "in", opacity: 0.9 },
  { flow: "load", label: "Home", color: FLOW_COLORS.load, stack: "out", opacity: 0.75 },
  { flow: "batteryCharge", label: "Battery charge", color: "hsl(var(--battery) / 0.45)", stack: "out", opacity: 1 },
  { flow: "gridExport", label: "Grid export", color: "hsl(var(--grid) / 0.45)", stack: "out", opacity: 1 },
];

function DailyTooltip({
  active,
  payload,
  timezone,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  timezone: string;
}) {
  const row = payload?.[0]?.payload as DailyBarRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="max-w-64 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{formatDay(row.t, timezone)}</p>
      {row.partial && (
        <p className="mb-1 text-muted-foreground">
          Today so far, added up from 5-minute data; the day&apos;s stored total follows after midnight.
        </p>
      )}
      <ul className="space-y-0.5">
        {BARS.filter((b) => row[b.flow] !== null).map((b) => (
          <li key={b.flow} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-2 rounded-full" style={{ background: b.color }} />
            <span className="text-muted-foreground">{b.label}</span>
            <span className="ml-auto pl-3 font-medium tabular-nums">
              {formatEnergy(row[b.flow]! * 1000)}
              {row.estimated.includes(b.flow) && " *"}
            </span>
          </li>
        ))}
      </ul>
      {row.estimated.length > 0 && <p className="mt-1 text-muted-foreground">* estimated from power readings</p>}
    </div>
  );
}

/** One day's bars as a sentence for the chart's readout and screen readers. */
export function describeDailyRow(row: DailyBarRow, flows: readonly Flow[], timezone: string): string {
  const parts = BARS.filter((b) => flows.includes(b.flow) && row[b.flow] !== null).map(
    (b) => `${b.label} ${formatEnergy(row[b.flow]! * 1000)}${row.estimated.includes(b.flow) ? " (estimated)" : ""}`,
  );
  return `${formatDay(row.t, timezone)}${row.partial ? " (so far)" : ""}: ${parts.length ? parts.join(", ") : "no data"}`;
}

/** Daily energy as two stacked bars per day: where energy came from (left) and where it went (right). */
export function DailyEnergyChart({ rows, flows, timezone }: { rows: DailyBarRow[]; flows: Flow[]; timezone: string }) {
  const bars = BARS.filter((b) => flows.includes(b.flow));
  return (
    <AccessibleChart describe={(row: DailyBarRow) => describeDailyRow(row, flows, timezone)}>
      <BarChart
        data={rows}
        margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
        barGap={1}
        {...chartSurfaceProps("Daily energy chart")}
      >
        <ChartActiveRow />
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis
          dataKey="t"
          tickFormatter={(t: number) => formatShortDate(t, timezone)}
          interval="preserveStartEnd"
          minTickGap={8}
          tick={AXIS_TICK}
          stroke={AXIS_STROKE}
        />
        <YAxis tickFormatter={(v: number) => `${v} kWh`} width={64} tick={AXIS_TICK} stroke={AXIS_STROKE} />
        <Tooltip content={(props) => <DailyTooltip {...props} timezone={timezone} />} cursor={{ fillOpacity: 0.1 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {bars.map((b) => (
          <Bar key={b.flow} dataKey={b.flow} name={b.label} stackId={b.stack} fill={b.color} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.day} fillOpacity={r.partial ? b.opacity * 0.5 : b.opacity} />
            ))}
          </Bar>
        ))}
      </BarChart>
    </AccessibleChart>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { AccountFlow } from "@/lib/accounts/types";
import type { BarRow } from "@/lib/dashboard/accounts-view";
import { formatEnergy } from "@/lib/format";
import { AccessibleChart, ChartActiveRow, chartSurfaceProps } from "./chart-a11y";
import { AXIS_STROKE, AXIS_TICK } from "./chart-theme";
import { BARS } from "./daily-energy-data";

function BarsTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> }) {
  const row = payload?.[0]?.payload as BarRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="max-w-64 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{row.title}</p>
      {row.inProgress && <p className="mb-1 text-muted-foreground">So far: still running.</p>}
      <ul className="space-y-0.5">
        {BARS.map((b) => (
          <li key={b.flow} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-2 rounded-full" style={{ background: b.color }} />
            <span className="text-muted-foreground">{b.label}</span>
            <span className="ml-auto pl-3 font-medium tabular-nums">
              {row[b.flow] === null ? "—" : formatEnergy(row[b.flow]! * 1000)}
              {row.interpolated.includes(b.flow) ? " ~" : row.estimated.includes(b.flow) ? " *" : ""}
            </span>
          </li>
        ))}
      </ul>
      {row.interpolated.length > 0 && <p className="mt-1 text-muted-foreground">~ spread across a data gap</p>}
      {row.estimated.length > 0 && <p className="mt-1 text-muted-foreground">* not measured directly</p>}
    </div>
  );
}

/** Diagonal hatching in a flow's colour: energy spread across a data gap (interpolated). */
function Hatches() {
  return (
    <defs>
      {BARS.map((b) => (
        <pattern
          key={b.flow}
          id={`hatch-${b.flow}`}
          patternUnits="userSpaceOnUse"
          width={6}
          height={6}
          patternTransform="rotate(45)"
        >
          <rect width={6} height={6} fill={b.color} fillOpacity={0.25} />
          <line x1={0} y1={0} x2={0} y2={6} stroke={b.color} strokeWidth={3} />
        </pattern>
      ))}
    </defs>
  );
}

/** One span's bars as a sentence for the chart's readout and screen readers. */
export function describeBarRow(row: BarRow, flows: readonly AccountFlow[]): string {
  const parts = BARS.filter((b) => flows.includes(b.flow) && row[b.flow] !== null).map(
    (b) =>
      `${b.label} ${formatEnergy(row[b.flow]! * 1000)}` +
      (row.interpolated.includes(b.flow)
        ? " (spread across a gap)"
        : row.estimated.includes(b.flow)
          ? " (estimated)"
          : ""),
  );
  return `${row.title}${row.inProgress ? " (so far)" : ""}: ${parts.length ? parts.join(", ") : "no data"}`;
}

/**
 * Energy as two stacked bars per span (hour, day, month or year): where energy came from (left) and where it went
 * (right). A span still running is faded; energy spread across a data gap is hatched.
 */
export function DailyEnergyChart({ rows, flows }: { rows: BarRow[]; flows: AccountFlow[] }) {
  const bars = BARS.filter((b) => flows.includes(b.flow));
  return (
    <AccessibleChart describe={(row: BarRow) => describeBarRow(row, flows)}>
      <BarChart
        data={rows}
        margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
        barGap={1}
        {...chartSurfaceProps("Energy bars chart")}
      >
        <ChartActiveRow />
        <Hatches />
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} tick={AXIS_TICK} stroke={AXIS_STROKE} />
        <YAxis tickFormatter={(v: number) => `${v} kWh`} width={76} tick={AXIS_TICK} stroke={AXIS_STROKE} />
        <Tooltip content={(props) => <BarsTooltip {...props} />} cursor={{ fillOpacity: 0.1 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {bars.map((b) => (
          <Bar key={b.flow} dataKey={b.flow} name={b.label} stackId={b.stack} fill={b.color} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell
                key={r.key}
                fill={r.interpolated.includes(b.flow) ? `url(#hatch-${b.flow})` : b.color}
                fillOpacity={r.inProgress ? b.opacity * 0.5 : b.opacity}
              />
            ))}
          </Bar>
        ))}
      </BarChart>
    </AccessibleChart>
  );
}

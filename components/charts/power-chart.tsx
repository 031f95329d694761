"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatClock, hourTicks } from "@/lib/format";
import type { PowerChartRow, PowerSeriesKey } from "./power-chart-data";
import { PowerChartTooltip, SERIES_LABELS } from "./power-chart-tooltip";

const COLOR: Record<PowerSeriesKey, string> = {
  solar: "hsl(var(--solar))",
  load: "hsl(var(--load))",
  battery: "hsl(var(--battery))",
  grid: "hsl(var(--grid))",
  soc: "hsl(var(--battery))",
};

/** Axis label for watts: "0", "500 W", "2.5 kW". */
function axisPower(w: number): string {
  if (w === 0) return "0";
  if (Math.abs(w) < 1000) return `${Math.round(w)} W`;
  return `${Number((w / 1000).toFixed(1))} kW`;
}

/** The day's power: areas for solar and load, lines for battery and grid, state of charge on the right axis. */
export function PowerChart({
  rows,
  present,
  startMs,
  endMs,
  timezone,
}: {
  rows: PowerChartRow[];
  present: PowerSeriesKey[];
  startMs: number;
  endMs: number;
  timezone: string;
}) {
  const has = (k: PowerSeriesKey) => present.includes(k);
  const hasPower = present.some((k) => k !== "soc");
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[startMs, endMs]}
          ticks={hourTicks(startMs, endMs, timezone, 3)}
          tickFormatter={(t: number) => formatClock(t, timezone)}
          interval="preserveStartEnd"
          minTickGap={12}
          tick={{ fontSize: 12, fill: "hsl(var(--muted-foreground))" }}
          stroke="hsl(var(--border))"
        />
        <YAxis
          yAxisId="power"
          hide={!hasPower}
          tickFormatter={axisPower}
          width={64}
          tick={{ fontSize: 12, fill: "hsl(var(--muted-foreground))" }}
          stroke="hsl(var(--border))"
        />
        {has("soc") && (
          <YAxis
            yAxisId="soc"
            orientation="right"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={44}
            tick={{ fontSize: 12, fill: "hsl(var(--muted-foreground))" }}
            stroke="hsl(var(--border))"
          />
        )}
        {hasPower && <ReferenceLine yAxisId="power" y={0} stroke="hsl(var(--muted-foreground))" strokeOpacity={0.5} />}
        <Tooltip
          content={(props) => <PowerChartTooltip {...props} timezone={timezone} />}
          cursor={{ stroke: "hsl(var(--muted-foreground))", strokeDasharray: "3 3" }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {(["solar", "load"] as const).filter(has).map((k) => (
          <Area
            key={k}
            yAxisId="power"
            dataKey={k}
            name={SERIES_LABELS[k]}
            type="linear"
            stroke={COLOR[k]}
            fill={COLOR[k]}
            fillOpacity={0.2}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        ))}
        {(["battery", "grid"] as const).filter(has).map((k) => (
          <Line
            key={k}
            yAxisId="power"
            dataKey={k}
            name={SERIES_LABELS[k]}
            type="linear"
            stroke={COLOR[k]}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        {has("soc") && (
          <Line
            yAxisId="soc"
            dataKey="soc"
            name={SERIES_LABELS.soc}
            type="linear"
            stroke={COLOR.soc}
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

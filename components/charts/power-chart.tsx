"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { dayTicks, formatClock, formatShortDate, hourTicks } from "@/lib/format";
import { AccessibleChart, ChartActiveRow, chartSurfaceProps } from "./chart-a11y";
import { AXIS_STROKE, AXIS_TICK, axisPower, FLOW_COLORS } from "./chart-theme";
import {
  presentStackKeys,
  stackPowerRows,
  type PowerChartRow,
  type PowerSeriesKey,
  type StackedRow,
  type StackKey,
} from "./power-chart-data";
import { describePowerRow, PowerChartTooltip, STACK_LABELS } from "./power-chart-tooltip";

const STACK_STYLE: Record<StackKey, { color: string; stack: "in" | "out"; opacity: number }> = {
  solar: { color: FLOW_COLORS.solar, stack: "in", opacity: 0.55 },
  batteryOut: { color: FLOW_COLORS.battery, stack: "in", opacity: 0.55 },
  gridIn: { color: FLOW_COLORS.grid, stack: "in", opacity: 0.55 },
  load: { color: FLOW_COLORS.load, stack: "out", opacity: 0.45 },
  // Lighter strokes tell "charging" from "discharging" (same hue) apart in the legend too.
  batteryIn: { color: "hsl(var(--battery) / 0.5)", stack: "out", opacity: 0.3 },
  gridOut: { color: "hsl(var(--grid) / 0.5)", stack: "out", opacity: 0.3 },
};

/**
 * Power over the period as a mirror of stacked areas: where power came from above zero (solar, battery, grid) and
 * where it went below (home, battery, grid); state of charge as a dashed line on the right axis.
 */
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
  const data = stackPowerRows(rows);
  const keys = presentStackKeys(present);
  const hasSoc = present.includes("soc");
  const multiDay = endMs - startMs > 26 * 3_600_000;
  const ticks = multiDay ? dayTicks(startMs, endMs, timezone) : hourTicks(startMs, endMs, timezone, 3);
  return (
    <AccessibleChart describe={(row: StackedRow) => describePowerRow(row, keys, timezone)}>
      <ComposedChart
        data={data}
        margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
        {...chartSurfaceProps("Power chart")}
      >
        <ChartActiveRow />
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={multiDay} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[startMs, endMs]}
          ticks={ticks}
          tickFormatter={(t: number) => (multiDay ? formatShortDate(t, timezone) : formatClock(t, timezone))}
          interval="preserveStartEnd"
          minTickGap={12}
          tick={AXIS_TICK}
          stroke={AXIS_STROKE}
        />
        <YAxis
          yAxisId="power"
          hide={!keys.length}
          tickFormatter={axisPower}
          width={64}
          tick={AXIS_TICK}
          stroke={AXIS_STROKE}
        />
        {hasSoc && (
          <YAxis
            yAxisId="soc"
            orientation="right"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={44}
            tick={AXIS_TICK}
            stroke={AXIS_STROKE}
          />
        )}
        {keys.length > 0 && (
          <ReferenceLine yAxisId="power" y={0} stroke="hsl(var(--muted-foreground))" strokeOpacity={0.6} />
        )}
        <Tooltip
          content={(props) => <PowerChartTooltip {...props} timezone={timezone} />}
          cursor={{ stroke: "hsl(var(--muted-foreground))", strokeDasharray: "3 3" }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {keys.map((k) => (
          <Area
            key={k}
            yAxisId="power"
            dataKey={k}
            name={STACK_LABELS[k]}
            stackId={STACK_STYLE[k].stack}
            type="linear"
            stroke={STACK_STYLE[k].color}
            fill={STACK_STYLE[k].color}
            fillOpacity={STACK_STYLE[k].opacity}
            strokeWidth={1}
            legendType="square"
            isAnimationActive={false}
          />
        ))}
        {hasSoc && (
          <Line
            yAxisId="soc"
            dataKey="soc"
            name={STACK_LABELS.soc}
            type="linear"
            stroke="hsl(var(--foreground))"
            strokeOpacity={0.7}
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </AccessibleChart>
  );
}

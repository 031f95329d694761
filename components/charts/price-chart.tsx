"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { priceLevel, PRICE_COLORS, PRICE_LEVELS } from "@/lib/energy/price";
import { feedInText, formatClock, formatDateTime, hourTicks } from "@/lib/format";
import { AXIS_STROKE, AXIS_TICK } from "./chart-theme";
import { AccessibleChart, ChartActiveRow, chartSurfaceProps } from "./chart-a11y";
import type { PriceRow } from "./price-data";

function PriceTooltip({
  active,
  payload,
  timezone,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  timezone: string;
}) {
  const row = payload?.[0]?.payload as PriceRow | undefined;
  if (!active || !row) return null;
  const level = row.importPrice === null ? null : PRICE_LEVELS.find((l) => l.level === priceLevel(row.importPrice!));
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">until {formatDateTime(row.t, timezone)}</p>
      {row.importPrice !== null && (
        <p className="tabular-nums">
          Buy {row.importPrice.toFixed(1)} c/kWh · {level?.label}
        </p>
      )}
      {typeof row.exportPrice === "number" && <p className="tabular-nums">{capitalise(feedInText(row.exportPrice))}</p>}
    </div>
  );
}

/** One interval's prices as a sentence for the chart's readout and screen readers. */
export function describePriceRow(row: PriceRow, timezone: string): string {
  const parts: string[] = [];
  if (row.importPrice !== null) {
    const level = PRICE_LEVELS.find((l) => l.level === priceLevel(row.importPrice!));
    parts.push(`buy ${row.importPrice.toFixed(1)} c/kWh${level ? `, ${level.label}` : ""}`);
  }
  if (typeof row.exportPrice === "number") parts.push(feedInText(row.exportPrice));
  return `Until ${formatDateTime(row.t, timezone)}: ${parts.length ? parts.join(", ") : "no price"}`;
}

/** Import price per interval as bars coloured by level, feed-in price as a line, and a "now" marker. */
export function PriceChart({
  rows,
  startMs,
  endMs,
  nowMs,
  timezone,
}: {
  rows: PriceRow[];
  startMs: number;
  endMs: number;
  nowMs: number;
  timezone: string;
}) {
  const withExport = rows.some((r) => typeof r.exportPrice === "number");
  return (
    <AccessibleChart describe={(row: PriceRow) => describePriceRow(row, timezone)}>
      <ComposedChart
        data={rows}
        margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
        barCategoryGap={0}
        {...chartSurfaceProps("Price chart")}
      >
        <ChartActiveRow />
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[startMs, endMs]}
          ticks={hourTicks(startMs, endMs, timezone, 6)}
          tickFormatter={(t: number) => formatClock(t, timezone)}
          tick={AXIS_TICK}
          stroke={AXIS_STROKE}
        />
        <YAxis tickFormatter={(v: number) => `${v} c`} width={48} tick={AXIS_TICK} stroke={AXIS_STROKE} />
        <Tooltip content={(props) => <PriceTooltip {...props} timezone={timezone} />} cursor={{ fillOpacity: 0.1 }} />
        <ReferenceLine y={0} stroke="hsl(var(--muted-foreground))" strokeOpacity={0.6} />
        <ReferenceLine
          x={nowMs}
          stroke="hsl(var(--foreground))"
          strokeDasharray="3 3"
          label={{ value: "now", position: "insideTopRight", fontSize: 11, fill: "hsl(var(--foreground))" }}
        />
        <Bar dataKey="importPrice" name="Buy price" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell
              key={r.t}
              fill={r.importPrice === null ? "transparent" : PRICE_COLORS[priceLevel(r.importPrice)]}
              fillOpacity={r.t <= nowMs ? 0.55 : 0.9}
            />
          ))}
        </Bar>
        {withExport && (
          <Line
            dataKey="exportPrice"
            name="Feed-in price (below 0: you earn)"
            type="stepAfter"
            stroke="hsl(var(--foreground))"
            strokeOpacity={0.6}
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </AccessibleChart>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

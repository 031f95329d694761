"use client";

import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue } from "@/lib/format";
import { AXIS_STROKE, AXIS_TICK } from "./chart-theme";
import { heatColor, slotLabel, SLOTS, type HeatmapData, type HeatmapMode } from "./heatmap-data";

const SLOT_KEYS = Array.from({ length: SLOTS }, (_, i) => `s${i}`);

type Row = { day: string; label: string } & Record<string, number | string>;

function HeatTooltip({
  active,
  payload,
  data,
  unit,
  mode,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; payload?: unknown }>;
  data: HeatmapData;
  unit: string;
  mode: HeatmapMode;
}) {
  const entry = payload?.[0];
  const row = entry?.payload as Row | undefined;
  if (!active || !row || typeof entry?.dataKey !== "string") return null;
  const slot = Number(entry.dataKey.slice(1));
  const value = data.rows.find((r) => r.day === row.day)?.slots[slot] ?? null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">
        {row.label}, {slotLabel(slot)}–{slotLabel((slot + 1) % SLOTS)}
      </p>
      <p className="tabular-nums">
        {value === null ? "no data" : `${mode === "sum" ? "total" : "average"} ${formatValue(value, unit)}`}
      </p>
    </div>
  );
}

/**
 * Days × half-hours: each day a row of 48 equal cells coloured by the half-hour's total or mean (drawn as one horizontal
 * stack of unit-width bars, so cells line up exactly at any width).
 */
export function HeatmapChart({
  data,
  labels,
  unit,
  mode = "mean",
}: {
  data: HeatmapData;
  /** Whether cells are half-hour totals (energy, cost) or averages (power, levels). */
  mode?: HeatmapMode;
  /** Display label per day, same order as data.rows. */
  labels: string[];
  unit: string;
}) {
  const rows: Row[] = data.rows.map((r, i) => {
    const row = { day: r.day, label: labels[i] } as Row;
    SLOT_KEYS.forEach((k) => (row[k] = 1));
    return row;
  });
  const min = data.min ?? 0;
  const max = data.max ?? 0;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
        <XAxis
          type="number"
          domain={[0, SLOTS]}
          ticks={[0, 6, 12, 18, 24, 30, 36, 42, 48]}
          tickFormatter={(v: number) => (v === SLOTS ? "24:00" : slotLabel(v))}
          tick={AXIS_TICK}
          stroke={AXIS_STROKE}
          allowDataOverflow
        />
        <YAxis
          type="category"
          dataKey="label"
          width={64}
          tick={{ ...AXIS_TICK, fontSize: 11 }}
          stroke={AXIS_STROKE}
          interval={0}
        />
        <Tooltip
          shared={false}
          cursor={false}
          content={(props) => <HeatTooltip {...props} data={data} unit={unit} mode={mode} />}
        />
        {SLOT_KEYS.map((k, slot) => (
          <Bar key={k} dataKey={k} stackId="day" isAnimationActive={false}>
            {data.rows.map((r) => {
              const v = r.slots[slot];
              return <Cell key={r.day} fill={v === null ? "transparent" : heatColor(v, min, max)} />;
            })}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

"use client";

import { useId, useMemo, useState } from "react";
import { HeatmapChart } from "@/components/charts/lazy-charts";
import { buildHeatmap, heatColor, heatmapCsv, heatmapMode } from "@/components/charts/heatmap-data";
import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { historyUrl } from "@/lib/dashboard/history-url";
import { periodLength, type Period } from "@/lib/dashboard/period";
import { addDays, dayStartMs, fileSlug, formatShortDate, formatValue } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { CsvButton } from "./csv-button";
import { usePolledJson } from "./use-polled-json";

const PREFERRED = [
  "source.solar/power",
  "load/power",
  "bidi.grid/power",
  "bidi.battery/soc",
  // Systems without power (a tariff-only retailer): their grid energy first.
  "bidi.grid.import/energy",
  "bidi.grid.export/energy",
];

/** Points a heatmap can show: numeric values (not text, codes or timestamps). */
export function heatmapOptions(points: LatestPoint[]): LatestPoint[] {
  return points
    .filter((p) => p.valueStr === null && p.unit !== "ms" && !/\/(text|code|time)$/.test(p.path ?? ""))
    .sort((a, b) => {
      const rank = (p: LatestPoint) => (PREFERRED.includes(p.path ?? "") ? PREFERRED.indexOf(p.path!) : 99);
      return rank(a) - rank(b) || a.displayName.localeCompare(b.displayName);
    });
}

/** The heatmap's days: the period's, at least 7 and at most 30, ending on the period's last day. */
export function heatmapDays(period: Period): string[] {
  const n = Math.min(30, Math.max(7, periodLength(period)));
  return Array.from({ length: n }, (_, i) => addDays(period.endDay, i - n + 1));
}

/** Days × half-hours of any point, with a point picker and a colour legend. */
export function HeatmapPanel(props: {
  systemId: number;
  systemName: string;
  points: LatestPoint[];
  period: Period;
  zone: string;
}) {
  const { systemId, systemName, points, period, zone } = props;
  const options = useMemo(() => heatmapOptions(points), [points]);
  const [picked, setPicked] = useState<number | null>(null);
  const point = options.find((p) => p.pointId === picked) ?? options[0];
  const days = useMemo(() => heatmapDays(period), [period]);
  const startMs = dayStartMs(days[0], zone);
  const endMs = dayStartMs(addDays(days[days.length - 1], 1), zone);
  const url = point ? historyUrl(systemId, [String(point.pointId)], startMs, endMs, "5m") : null;
  const { data, error, loading, refresh } = usePolledJson<HistoryResponse>(url, period.live ? 15 * 60_000 : 0);
  const series = data?.series[0];
  const mode = heatmapMode(series?.field);
  const heat = useMemo(
    () => (data ? buildHeatmap(series?.data ?? [], days, zone, mode) : null),
    [data, series, days, zone, mode],
  );
  const selectId = useId();
  if (!point) return null;
  const state = !data ? (loading ? "loading" : "error") : heat?.min === null ? "empty" : "ready";
  const labels = days.map((d) => formatShortDate(dayStartMs(d, zone), zone));
  const dayStarts = new Map(days.map((d) => [d, dayStartMs(d, zone)]));

  return (
    <ChartFrame
      id="heatmap"
      title="Heatmap"
      subtitle={`${mode === "sum" ? "Total" : "Average"} per half-hour, ${days.length} days to ${labels[labels.length - 1]}`}
      testId="heatmap"
      state={state}
      error={error}
      onRetry={refresh}
      emptyTitle={`No ${point.displayName} readings in these days`}
      empty="Pick another point, or a later period."
      actions={
        <>
          <label htmlFor={selectId} className="sr-only">
            Point to show
          </label>
          <select
            id={selectId}
            data-testid="heatmap-point"
            value={point.pointId}
            onChange={(e) => setPicked(Number(e.target.value))}
            className="h-9 max-w-48 rounded-md border bg-background px-2 text-sm"
          >
            {options.map((p) => (
              <option key={p.pointId} value={p.pointId}>
                {p.displayName}
                {p.unit ? ` (${p.unit})` : ""}
              </option>
            ))}
          </select>
          <CsvButton
            testId="csv-heatmap"
            filename={`${fileSlug(systemName)}_${days[0]}_${days[days.length - 1]}_${fileSlug(point.displayName)}.csv`}
            disabled={!heat}
            build={() =>
              heatmapCsv(heat!, dayStarts, zone, `${point.displayName}${point.unit ? ` (${point.unit})` : ""}`)
            }
          />
        </>
      }
    >
      {heat && heat.min !== null && heat.max !== null && (
        <div className="space-y-3">
          <div className="w-full" style={{ height: days.length * 16 + 40 }}>
            <HeatmapChart data={heat} labels={labels} unit={point.unit} mode={mode} />
          </div>
          <Legend min={heat.min} max={heat.max} unit={point.unit} />
        </div>
      )}
    </ChartFrame>
  );
}

function Legend({ min, max, unit }: { min: number; max: number; unit: string }) {
  const stops = Array.from({ length: 11 }, (_, i) => heatColor(min + ((max - min) * i) / 10, min, max));
  return (
    <div className="flex items-center gap-2 px-2 text-xs text-muted-foreground" data-testid="heatmap-legend">
      <span className="tabular-nums">{formatValue(min, unit)}</span>
      <span
        aria-hidden="true"
        className="h-2.5 flex-1 rounded-full"
        style={{ background: `linear-gradient(to right, ${stops.join(", ")})` }}
      />
      <span className="tabular-nums">{formatValue(max, unit)}</span>
    </div>
  );
}

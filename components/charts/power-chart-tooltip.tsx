import { batteryDirection, formatDateTime, formatPercent, formatPower, gridDirection } from "@/lib/format";
import type { PowerSeriesKey, StackedRow, StackKey } from "./power-chart-data";

export const SERIES_LABELS: Record<PowerSeriesKey, string> = {
  solar: "Solar",
  load: "Load",
  battery: "Battery",
  grid: "Grid",
  soc: "State of charge",
};

export const STACK_LABELS: Record<StackKey | "soc", string> = {
  solar: "Solar",
  batteryOut: "Battery discharging",
  gridIn: "Grid import",
  load: "Home",
  batteryIn: "Battery charging",
  gridOut: "Grid export",
  soc: "State of charge",
};

/** A series value with its unit and, for battery and grid, the direction its sign means. */
export function formatSeriesValue(key: PowerSeriesKey, value: number): string {
  if (key === "soc") return formatPercent(value);
  if (key === "battery") return `${formatPower(Math.abs(value))} ${batteryDirection(value)}`;
  if (key === "grid") return `${formatPower(Math.abs(value))} ${gridDirection(value)}`;
  return formatPower(value);
}

interface TooltipEntry {
  dataKey?: unknown;
  value?: unknown;
  color?: string;
}

/** Tooltip body for the stacked chart: the interval end in the system's zone, then each non-zero flow. */
export function PowerChartTooltip({
  active,
  payload,
  label,
  timezone,
}: {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: unknown;
  timezone: string;
}) {
  if (!active || !payload?.length || typeof label !== "number") return null;
  const entries = payload.filter(
    (e) => typeof e.value === "number" && (e.dataKey === "soc" || Math.abs(e.value as number) >= 1),
  );
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="mb-1 font-medium">{formatDateTime(label, timezone)}</p>
      {entries.length === 0 && <p className="text-muted-foreground">No power flowing</p>}
      <ul className="space-y-0.5">
        {entries.map((entry) => {
          const key = entry.dataKey as StackKey | "soc";
          const value = entry.value as number;
          return (
            <li key={key} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block size-2 rounded-full"
                style={{ background: entry.color }}
              />
              <span className="text-muted-foreground">{STACK_LABELS[key]}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums">
                {key === "soc" ? formatPercent(value) : formatPower(Math.abs(value))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One row of the stacked chart as a sentence for the chart's readout and screen readers (zero flows left out). */
export function describePowerRow(row: StackedRow, keys: readonly StackKey[], timezone: string): string {
  const parts: string[] = [];
  for (const k of keys) {
    const v = row[k];
    if (typeof v === "number" && Math.abs(v) >= 1) parts.push(`${STACK_LABELS[k]} ${formatPower(Math.abs(v))}`);
  }
  if (typeof row.soc === "number") parts.push(`${STACK_LABELS.soc} ${formatPercent(row.soc)}`);
  const known = keys.some((k) => typeof row[k] === "number");
  const body = parts.length ? parts.join(", ") : known ? "no power flowing" : "no data";
  return `${formatDateTime(row.t, timezone)}: ${body}`;
}

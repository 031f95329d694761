"use client";

import { useMemo } from "react";
import type { LatestPoint } from "@/lib/api/contracts";
import { formatAge, formatDateTime, formatValue } from "@/lib/format";
import { ChartFrame, type ChartState } from "./chart-frame";

/** Text of a point's latest value: numbers with their unit, text points as text, missing as a dash. */
export function pointValueText(p: LatestPoint, zone: string): string {
  if (p.valueStr !== null && p.value === null) return p.valueStr || "—";
  if (p.unit === "ms" && typeof p.value === "number") return formatDateTime(p.value, zone);
  return formatValue(p.value, p.unit);
}

/** Every point of the system with its path, latest value (in the unit it is shown in) and age, by path (unclassified last). */
export function PointsGrid({
  points,
  state,
  error,
  onRetry,
  nowMs,
  zone,
}: {
  points: LatestPoint[];
  state: ChartState;
  error: string | null;
  onRetry: () => void;
  nowMs: number;
  zone: string;
}) {
  const sorted = useMemo(
    () =>
      // Unclassified (no path) last: localeCompare sorts punctuation such as "~" before letters.
      [...points].sort(
        (a, b) =>
          Number(a.path === null) - Number(b.path === null) ||
          (a.path ?? "").localeCompare(b.path ?? "") ||
          a.displayName.localeCompare(b.displayName),
      ),
    [points],
  );
  return (
    <ChartFrame
      id="points"
      title="All points"
      subtitle="Every value this system reports, with its path and age"
      testId="points-grid"
      state={state}
      error={error}
      onRetry={onRetry}
      heightClass="h-40"
      emptyTitle="No points yet"
      empty="Points appear after the first successful poll."
    >
      {/* Three columns fit a phone: the path sits under the name, and the value carries its own unit (the one it
          is shown in, e.g. kWh for a Wh counter), so no separate unit column can disagree with it. */}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left text-xs text-muted-foreground">
              <th scope="col" className="px-2 py-2 font-medium">
                Point <span className="font-normal">(path)</span>
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                Value
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                Age
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {sorted.map((p) => (
              <tr key={p.pointId} data-testid="point-row" data-path={p.path ?? ""}>
                <td className="px-2 py-1.5 align-top">
                  <span className="block">{p.displayName}</span>
                  <span className="block break-all font-mono text-xs text-muted-foreground">
                    {p.path ?? "unclassified"}
                  </span>
                </td>
                <td
                  className="whitespace-nowrap px-2 py-1.5 text-right align-top tabular-nums"
                  data-testid="point-value"
                >
                  {pointValueText(p, zone)}
                </td>
                <td className="whitespace-nowrap px-2 py-1.5 text-right align-top text-muted-foreground">
                  <time
                    dateTime={new Date(p.measurementTimeMs).toISOString()}
                    title={formatDateTime(p.measurementTimeMs, zone)}
                  >
                    {formatAge(nowMs - p.measurementTimeMs)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}

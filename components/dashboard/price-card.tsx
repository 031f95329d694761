"use client";

import { useMemo } from "react";
import { PriceChart } from "@/components/charts/lazy-charts";
import { buildPriceRows, currentPrices, hasPricePoints, priceCsv } from "@/components/charts/price-data";
import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { historyUrl } from "@/lib/dashboard/history-url";
import { priceLevel, PRICE_COLORS, PRICE_LEVELS } from "@/lib/energy/price";
import { feedInText, fileSlug } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { CsvButton } from "./csv-button";
import { useNow } from "./use-now";
import { usePolledJson } from "./use-polled-json";

const HOUR_MS = 3_600_000;

/** Electricity prices for tariff systems: now, the past 12 h and the next 24 h, coloured by level; hidden otherwise. */
export function PriceCard({
  systemId,
  systemName,
  points,
  zone,
}: {
  systemId: number;
  systemName: string;
  points: LatestPoint[];
  zone: string;
}) {
  const show = hasPricePoints(points);
  const nowMs = useNow(60_000);
  // The window moves on the quarter hour so the URL (and the fetch) changes only every 15 minutes.
  const anchor = nowMs - (nowMs % (15 * 60_000));
  const startMs = anchor - 12 * HOUR_MS;
  const endMs = anchor + 24 * HOUR_MS;
  const url = show ? historyUrl(systemId, ["*/price"], startMs, endMs, "5m") : null;
  const { data, error, loading, refresh } = usePolledJson<HistoryResponse>(url, 5 * 60_000);
  const rows = useMemo(() => (data ? buildPriceRows(data, startMs, endMs) : []), [data, startMs, endMs]);
  if (!show) return null;
  const now = currentPrices(points);
  const level = now.importPrice?.value != null ? priceLevel(now.importPrice.value) : null;
  const state = !data ? (loading ? "loading" : "error") : rows.length === 0 ? "empty" : "ready";
  return (
    <ChartFrame
      id="prices"
      title="Electricity price"
      subtitle={
        <span data-testid="price-now">
          {now.importPrice?.value != null ? (
            <>
              <span
                aria-hidden="true"
                className="mr-1.5 inline-block size-2.5 rounded-full align-middle"
                style={{ background: PRICE_COLORS[level!] }}
              />
              Now {now.importPrice.value.toFixed(1)} c/kWh to buy · {PRICE_LEVELS.find((l) => l.level === level)?.label}
              {now.exportPrice?.value != null && ` · ${feedInText(now.exportPrice.value)}`}
              {now.period && ` · ${now.period}`}
            </>
          ) : (
            "No current price"
          )}
        </span>
      }
      testId="price-chart"
      state={state}
      error={error}
      onRetry={refresh}
      emptyTitle="No prices for this window yet"
      empty="Prices and forecasts appear after the next poll of the tariff."
      actions={
        <CsvButton
          testId="csv-prices"
          filename={`${fileSlug(systemName)}_prices.csv`}
          disabled={!rows.length}
          build={() => priceCsv(rows, zone)}
        />
      }
    >
      <div className="h-56 w-full">
        <PriceChart rows={rows} startMs={startMs} endMs={endMs} nowMs={nowMs} timezone={zone} />
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 px-2 pt-2 text-xs text-muted-foreground" aria-label="Price levels">
        {PRICE_LEVELS.map((l) => (
          <li key={l.level} className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block size-2.5 rounded-sm"
              style={{ background: PRICE_COLORS[l.level] }}
            />
            {l.label}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}

import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { isoInZone, type CsvCell } from "@/lib/format";

export const IMPORT_PRICE = "bidi.grid.import/price";
export const EXPORT_PRICE = "bidi.grid.export/price";

/** One price interval: end time, import price and (when the tariff has one) feed-in price, c/kWh. */
export interface PriceRow {
  t: number;
  importPrice: number | null;
  exportPrice?: number | null;
}

/** Whether a system has tariff prices (the price card shows only then). */
export function hasPricePoints(points: LatestPoint[]): boolean {
  return points.some((p) => p.path !== null && /\/price$/.test(p.path));
}

/** The current import price, feed-in price and tariff period text from the latest values. */
export function currentPrices(points: LatestPoint[]): {
  importPrice: LatestPoint | null;
  exportPrice: LatestPoint | null;
  period: string | null;
} {
  const byPath = (path: string) => points.find((p) => p.path === path && typeof p.value === "number") ?? null;
  const period = points.find(
    (p) => p.valueStr && (/tariff|period/i.test(p.displayName) || /^bidi\.grid[./]/.test(p.path ?? "")),
  );
  return { importPrice: byPath(IMPORT_PRICE), exportPrice: byPath(EXPORT_PRICE), period: period?.valueStr ?? null };
}

/** Rows for the price chart from a history response, in time order, limited to (startMs, endMs]. */
export function buildPriceRows(history: HistoryResponse, startMs: number, endMs: number): PriceRow[] {
  const imp = history.series.find((s) => s.path === IMPORT_PRICE);
  const exp = history.series.find((s) => s.path === EXPORT_PRICE);
  const byTime = new Map<number, PriceRow>();
  for (const [t, v] of imp?.data ?? []) {
    if (t > startMs && t <= endMs) byTime.set(t, { t, importPrice: v });
  }
  if (exp) {
    for (const [t, v] of exp.data) {
      if (t <= startMs || t > endMs) continue;
      const row = byTime.get(t) ?? { t, importPrice: null };
      row.exportPrice = v;
      byTime.set(t, row);
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** CSV of the price chart. */
export function priceCsv(rows: PriceRow[], zone: string): { header: string[]; rows: CsvCell[][] } {
  const withExport = rows.some((r) => r.exportPrice !== undefined);
  return {
    header: ["interval_end", "import price (c/kWh)", ...(withExport ? ["feed-in price (c/kWh)"] : [])],
    rows: rows.map((r) => [isoInZone(r.t, zone), r.importPrice, ...(withExport ? [r.exportPrice ?? null] : [])]),
  };
}

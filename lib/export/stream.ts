import "server-only";
import { csvField } from "@/lib/format/csv";
import { StreamingParquet } from "@/lib/retention/parquet";
import { TIER_COLUMNS, type ColumnSpec, type TierRow } from "@/lib/retention/tiers";
import { exportPage, exportPoints, type ExportCursor, type ExportLevel, type ExportRange } from "./store";

/**
 * Rows read per database page of a CSV export (raw: packed rows, each a poll's readings). Small pages keep the
 * garbage of each page small, and with it how far the collector lets the heap grow (export bench, docs/architecture.md).
 */
export const EXPORT_PAGE_ROWS = 1_000;
/**
 * Rows per page, and so per row group, of a Parquet export: each group's metadata stays live until the footer
 * (about 18 KB for the 5-minute columns), so groups are larger than CSV pages.
 */
export const PARQUET_PAGE_ROWS = 2_000;

/** An export's columns: the level's stored columns with the point's name and unit after its id. */
export function exportColumns(level: ExportLevel): ColumnSpec[] {
  const cols = TIER_COLUMNS[level];
  const at = cols.findIndex((c) => c.name === "point_id") + 1;
  return [
    ...cols.slice(0, at),
    { name: "point_name", type: "STRING" },
    { name: "unit", type: "STRING" },
    ...cols.slice(at),
  ];
}

/**
 * A system's rows at a level over a range, as a CSV or Parquet byte stream: each pull reads one page from the
 * database and encodes it (CSV lines; a Parquet row group), so memory stays one page whatever the range.
 */
export function exportStream(
  level: ExportLevel,
  range: ExportRange,
  format: "csv" | "parquet",
  pageRows = format === "csv" ? EXPORT_PAGE_ROWS : PARQUET_PAGE_ROWS,
): ReadableStream<Uint8Array> {
  const columns = exportColumns(level);
  const encoder = new TextEncoder();
  let cursor: ExportCursor = null;
  let done = false;
  let points: Map<number, { name: string; unit: string }> | undefined;
  let parquet: StreamingParquet | undefined;
  const pending: Uint8Array[] = [];

  const withPoints = (rows: TierRow[]): TierRow[] =>
    rows.map((r) => {
      const p = points!.get(Number(r.point_id));
      return { ...r, point_name: p?.name ?? null, unit: p?.unit ?? null };
    });

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      points = await exportPoints(range.systemId);
      if (format === "csv") controller.enqueue(encoder.encode(columns.map((c) => c.name).join(",") + "\r\n"));
      else parquet = new StreamingParquet(columns, (chunk) => pending.push(chunk));
    },
    // Reads pages until one gives bytes (a point with no rows in the range gives none): a pull that enqueued
    // nothing would not be called again.
    async pull(controller) {
      let sent = false;
      while (!done && !sent) {
        const page = await exportPage(level, range, cursor, pageRows);
        cursor = page.next;
        const rows = withPoints(page.rows);
        if (format === "csv") {
          if (rows.length) {
            const text = rows.map((r) => columns.map((c) => csvField(r[c.name])).join(",")).join("\r\n") + "\r\n";
            controller.enqueue(encoder.encode(text));
            sent = true;
          }
        } else {
          await parquet!.write(rows);
          if (!cursor) await parquet!.finish();
          for (const chunk of pending.splice(0)) {
            controller.enqueue(chunk);
            sent = true;
          }
        }
        if (!cursor) {
          done = true;
          controller.close();
        }
      }
    },
  });
}

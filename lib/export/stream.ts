import "server-only";
import { csvField } from "@/lib/format/csv";
import { StreamingParquet } from "@/lib/retention/parquet";
import { TIER_COLUMNS, type ColumnSpec, type TierRow } from "@/lib/retention/tiers";
import { exportPage, exportPoints, type ExportCursor, type ExportLevel, type ExportRange } from "./store";

/**
 * Rows read per database page (raw: packed rows, each a poll's readings). Small pages keep what is live at each
 * scavenge small, so little is promoted and the old generation stays flat (export bench, docs/benchmarks.md).
 */
export const EXPORT_PAGE_ROWS = 500;
/** Rows per Parquet row group: pages are gathered into large groups, so the footer's metadata stays small. */
export const PARQUET_GROUP_ROWS = 10_000;

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
  pageRows = EXPORT_PAGE_ROWS,
): ReadableStream<Uint8Array> {
  const columns = exportColumns(level);
  const encoder = new TextEncoder();
  let cursor: ExportCursor = null;
  let done = false;
  let points: Map<number, { name: string; unit: string }> | undefined;
  let parquet: StreamingParquet | undefined;
  const pending: Uint8Array[] = [];

  const names = columns.map((c) => c.name);
  // The page's rows are fresh objects: the point columns are added in place rather than copied.
  const withPoints = (rows: TierRow[]): TierRow[] => {
    for (const r of rows) {
      const p = points!.get(Number(r.point_id));
      r.point_name = p?.name ?? null;
      r.unit = p?.unit ?? null;
    }
    return rows;
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      points = await exportPoints(range.systemId);
      if (format === "csv") controller.enqueue(encoder.encode(columns.map((c) => c.name).join(",") + "\r\n"));
      else parquet = new StreamingParquet(columns, (chunk) => pending.push(chunk), PARQUET_GROUP_ROWS);
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
            let text = "";
            for (const r of rows) {
              for (let i = 0; i < names.length; i++) text += (i ? "," : "") + csvField(r[names[i]]);
              text += "\r\n";
            }
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

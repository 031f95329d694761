import { z } from "zod";
import { dayBounds, localDay } from "@/lib/time";
import type { ExportLevel, ExportRange } from "./store";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const bound = (name: string) =>
  z
    .string({ required_error: `${name} is required: a day (YYYY-MM-DD, the system's local day) or an ISO 8601 time` })
    .trim()
    .refine(
      (v) =>
        DAY.test(v) ? !Number.isNaN(Date.parse(v)) : /\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
      {
        message: `${name} must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone (2026-01-31T14:00:00Z)`,
      },
    );

export const exportQuerySchema = z.object({
  level: z.enum(["raw", "5m", "30m", "daily"], {
    errorMap: () => ({ message: "level must be raw, 5m, 30m or daily" }),
  }),
  format: z.enum(["csv", "parquet"], { errorMap: () => ({ message: "format must be csv or parquet" }) }).default("csv"),
  from: bound("from"),
  to: bound("to"),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/**
 * The range of an export in a system's zone: a day `from` starts at its local midnight, a day `to` includes that
 * whole local day; times are instants. Null when the range is empty or backwards.
 */
export function exportRange(
  systemId: number,
  zone: string,
  q: { from: string; to: string; level: ExportLevel },
): ExportRange | null {
  const fromMs = DAY.test(q.from) ? dayBounds(q.from, zone).startMs : Date.parse(q.from);
  const toMs = DAY.test(q.to) ? dayBounds(q.to, zone).endMs : Date.parse(q.to);
  if (!(toMs > fromMs)) return null;
  return { systemId, fromMs, toMs, fromDay: localDay(fromMs, zone), toDay: localDay(toMs - 1, zone) };
}

import { z } from "zod";
import { RANGE_MS } from "./levels";

const time = (name: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be an ISO date-time (2025-01-31T00:00:00Z) or ms since epoch`,
        });
        return z.NEVER;
      }
      return ms;
    });

const list = (name: string, max: number, pattern: RegExp, example: string) =>
  z
    .string({ required_error: `${name} is required, e.g. ${name}=${example}` })
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine((xs) => xs.length > 0, `${name} must list at least one entry, e.g. ${name}=${example}`)
    .refine((xs) => xs.length <= max, `${name} may list at most ${max} entries`)
    .refine((xs) => xs.every((x) => pattern.test(x)), `${name} entries look like ${example}`);

/** Query of GET /api/data/historical (see docs/api.md). */
export const historyQuerySchema = z
  .object({
    systemIds: list("systemIds", 20, /^[A-Za-z0-9_]{1,40}$/, "12,home"),
    pointKeys: list("pointKeys", 50, /^[A-Za-z0-9_.*?/-]{1,100}$/, "source.solar*/power,bidi.battery/soc"),
    range: z
      .enum(Object.keys(RANGE_MS) as [keyof typeof RANGE_MS, ...Array<keyof typeof RANGE_MS>], {
        errorMap: () => ({ message: `range must be one of ${Object.keys(RANGE_MS).join(", ")}` }),
      })
      .optional(),
    start: time("start").optional(),
    end: time("end").optional(),
    aggregation: z
      .enum(["raw", "5m", "30m", "daily"], {
        errorMap: () => ({ message: "aggregation must be raw, 5m, 30m or daily" }),
      })
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.range && (q.start !== undefined || q.end !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["range"], message: "Give either range or start/end, not both" });
    } else if (!q.range && q.start === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: "Give range (1H, 6H, 24H, 7D, 30D) or start (and end)",
      });
    } else if (q.start !== undefined && q.end !== undefined && q.start >= q.end) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start" });
    }
  });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** The [start, end] ms of a parsed query: a named range ends now; `end` defaults to now. */
export function resolveWindow(q: HistoryQuery, nowMs: number): { startMs: number; endMs: number } {
  if (q.range) return { startMs: nowMs - RANGE_MS[q.range], endMs: nowMs };
  return { startMs: q.start!, endMs: q.end ?? nowMs };
}

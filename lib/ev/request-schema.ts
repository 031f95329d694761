import { z } from "zod";

const day = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a local date YYYY-MM-DD`)
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        message: `${name} is not a real date`,
      },
    )
    .optional();

/** Longest range one request may ask for, in days. */
export const MAX_RANGE_DAYS = 366;

/** Query of GET /api/systems/{system}/charging-sessions (docs/api.md). */
export const chargingSessionsQuerySchema = z
  .object({
    from: day("from"),
    to: day("to"),
    format: z.enum(["json", "csv"], { errorMap: () => ({ message: "format must be json or csv" }) }).default("json"),
    location: z
      .enum(["home", "away", "unknown"], { errorMap: () => ({ message: "location must be home, away or unknown" }) })
      .optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine(
    (q) =>
      !q.from ||
      !q.to ||
      (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 < MAX_RANGE_DAYS,
    { message: `ask for at most ${MAX_RANGE_DAYS} days`, path: ["to"] },
  );

export type ChargingSessionsQuery = z.infer<typeof chargingSessionsQuerySchema>;

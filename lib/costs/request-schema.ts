import { z } from "zod";

const day = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a local date YYYY-MM-DD`)
    .optional();

/** Query of GET /api/systems/{system}/costs (docs/api.md). */
export const costsQuerySchema = z
  .object({
    period: z
      .enum(["day", "month", "year", "bill"], {
        errorMap: () => ({ message: "period must be day, month, year or bill" }),
      })
      .default("day"),
    from: day("from"),
    to: day("to"),
    format: z.enum(["json", "csv"], { errorMap: () => ({ message: "format must be json or csv" }) }).default("json"),
    intervals: z
      .enum(["0", "1"], { errorMap: () => ({ message: "intervals must be 0 or 1" }) })
      .default("0")
      .transform((v) => v === "1"),
  })
  .strict();

/** Body of PUT /api/systems/{system}/costs/bill: the actual bill of a billing period (null removes it). */
export const billActualSchema = z
  .object({
    periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "periodStart must be a local date YYYY-MM-DD"),
    amountCents: z
      .number({ invalid_type_error: "amountCents must be a number of cents" })
      .int("amountCents must be whole cents")
      .min(-100_000_000)
      .max(100_000_000)
      .nullable(),
  })
  .strict();

export type CostsQuery = z.infer<typeof costsQuerySchema>;

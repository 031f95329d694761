import { z } from "zod";

const day = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a local date YYYY-MM-DD`)
    .optional();

/** Query of GET /api/systems/{system}/energy (docs/api.md). */
export const energyQuerySchema = z
  .object({
    period: z
      .enum(["day", "month", "year", "lifetime"], {
        errorMap: () => ({ message: "period must be day, month, year or lifetime" }),
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

export type EnergyQuery = z.infer<typeof energyQuerySchema>;

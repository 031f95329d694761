import { z } from "zod";

const day = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a local date YYYY-MM-DD`)
    .optional();

/** A span query over local days (`period`, `from`, `to`, `format`, `intervals`), with the periods it allows. */
export function spanQuerySchema<P extends string>(periods: readonly [P, ...P[]]) {
  const names = `${periods.slice(0, -1).join(", ")} or ${periods[periods.length - 1]}`;
  return z
    .object({
      period: z.enum(periods, { errorMap: () => ({ message: `period must be ${names}` }) }).default(periods[0]),
      from: day("from"),
      to: day("to"),
      format: z.enum(["json", "csv"], { errorMap: () => ({ message: "format must be json or csv" }) }).default("json"),
      intervals: z
        .enum(["0", "1"], { errorMap: () => ({ message: "intervals must be 0 or 1" }) })
        .default("0")
        .transform((v) => v === "1"),
    })
    .strict();
}

/** Query of GET /api/systems/{system}/energy (docs/api.md). */
export const energyQuerySchema = spanQuerySchema(["day", "month", "year", "lifetime"]);

export type EnergyQuery = z.infer<typeof energyQuerySchema>;

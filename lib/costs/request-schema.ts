import { z } from "zod";
import { spanQuerySchema } from "@/lib/accounts/request-schema";

/** Query of GET /api/systems/{system}/costs (docs/api.md). */
export const costsQuerySchema = spanQuerySchema(["day", "month", "year", "bill"]);

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

/** Query of GET /api/systems/{system}/costs/compare: how many months back (ended days) to price each plan over. */
export const compareQuerySchema = z
  .object({
    months: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "months must be a whole number from 1 to 24")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 24, "months must be a whole number from 1 to 24")
      .default("3"),
  })
  .strict();

export type CostsQuery = z.infer<typeof costsQuerySchema>;

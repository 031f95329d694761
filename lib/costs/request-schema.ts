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

export type CostsQuery = z.infer<typeof costsQuerySchema>;

import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

/** A positive integer id from a dynamic route segment; 400 otherwise. */
export function idParam(raw: string | undefined, what: string): number {
  const parsed = z.coerce.number().int().positive().safeParse(raw);
  if (!parsed.success) throw new ApiError("BAD_REQUEST", `${what} must be a positive whole number`);
  return parsed.data;
}

import { z } from "zod";

/** The `[system]` URL segment: a numeric id or an alias. */
export const systemRefSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{1,40}$/, "The system must be given by its id or alias (letters, digits, _)");

/** The `[pointId]` URL segment: a point id within its system. */
export const pointIdSchema = z.coerce
  .number({ invalid_type_error: "The point id must be a number" })
  .int("The point id must be a whole number")
  .positive("The point id must be positive");

/** A numeric `[id]` URL segment (a token's or a share link's id). */
export const recordIdSchema = z.coerce
  .number({ invalid_type_error: "The id must be a number" })
  .int("The id must be a whole number")
  .positive("The id must be positive")
  .max(Number.MAX_SAFE_INTEGER, "The id is too large");

import { z } from "zod";

/**
 * Field rules shared by the API and the forms (no server imports, so client components may use them).
 * The database CHECK on systems.alias allows letters, digits and _ (1–40); point aliases follow the same rule.
 */
export const ALIAS_RE = /^[A-Za-z0-9_]{1,40}$/;
/** A path segment of a point (subtype, extension, subsystem): lower-case letters, digits, _ and -. */
export const SEGMENT_RE = /^[a-z0-9_-]{1,40}$/;

/** A system alias: used in URLs (/dashboard/home), so not all digits (those are ids). */
export const aliasSchema = z
  .string()
  .trim()
  .regex(ALIAS_RE, "Use 1–40 letters, digits or underscores (no spaces)")
  .refine((v) => !/^\d+$/.test(v), "An alias cannot be only digits (those are system ids)");

/** Control characters (NUL truncates a shown name; the others are invisible or break lines). */
export const CONTROL_CHARS_RE = /[\u0000-\u001f\u007f-\u009f]/;
export const NO_CONTROL_CHARS = "Use printable characters only (no control characters such as NUL or line breaks)";

/** A display name: 1–80 printable characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(80, "Keep the name to 80 characters or fewer")
  .refine((v) => !CONTROL_CHARS_RE.test(v), NO_CONTROL_CHARS);

/** Empty strings (an untouched form field) become null. */
export const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const segment = (what: string) =>
  z.preprocess(
    blankToNull,
    z.string().trim().regex(SEGMENT_RE, `${what}: use lower-case letters, digits, _ or - (up to 40)`).nullable(),
  );

/** The editable fields of a point (PATCH /api/systems/[system]/points/[pointId]); every field optional. */
export const pointPatchSchema = z
  .object({
    displayName: displayNameSchema,
    alias: z.preprocess(
      blankToNull,
      z.string().trim().regex(ALIAS_RE, "Point alias: use letters, digits or _").nullable(),
    ),
    subsystem: segment("Subsystem"),
    type: z.preprocess(
      blankToNull,
      z.enum(["source", "load", "bidi"], { message: "Type must be source, load or bidi" }).nullable(),
    ),
    subtype: segment("Subtype"),
    extension: segment("Extension"),
    active: z.boolean(),
    transform: z.preprocess(
      blankToNull,
      z.enum(["i", "d"], { message: "Transform must be none, i (invert) or d (differentiate)" }).nullable(),
    ),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Nothing to change")
  .refine((p) => !(p.extension && p.subtype === null), {
    message: "An extension needs a subtype",
    path: ["extension"],
  });
export type PointPatch = z.infer<typeof pointPatchSchema>;

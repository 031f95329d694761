import { z } from "zod";
import { isValidTimezone } from "@/lib/time/zones";
import { aliasSchema, blankToNull, displayNameSchema } from "./fields";

/** An IANA time zone name such as Australia/Melbourne. */
export const timezoneSchema = z
  .string({ required_error: "Choose a time zone" })
  .trim()
  .refine(isValidTimezone, (v) => ({ message: `'${v}' is not an IANA time zone (e.g. Australia/Melbourne)` }));

const vendorTypeSchema = z
  .string({ required_error: "Choose a vendor" })
  .trim()
  .regex(/^[a-z0-9_-]{1,40}$/, "Unknown vendor");
const siteIdSchema = z.string().trim().min(1, "Choose a site").max(200);
const credentialsSchema = z.record(z.unknown()).default({});

/** POST /api/test-connection */
export const testConnectionSchema = z
  .object({ vendorType: vendorTypeSchema, credentials: credentialsSchema, vendorSiteId: siteIdSchema.optional() })
  .strict();
export type TestConnectionInput = z.infer<typeof testConnectionSchema>;

/** POST /api/systems */
export const createSystemSchema = z
  .object({
    vendorType: vendorTypeSchema,
    vendorSiteId: siteIdSchema.optional(),
    displayName: displayNameSchema,
    alias: z.preprocess(blankToNull, aliasSchema.nullable()).optional(),
    displayTimezone: timezoneSchema,
    credentials: credentialsSchema,
  })
  .strict();
export type CreateSystemInput = z.infer<typeof createSystemSchema>;

/** PATCH /api/systems/[system]: every field optional; removal is DELETE. */
export const systemPatchSchema = z
  .object({
    displayName: displayNameSchema,
    alias: z.preprocess(blankToNull, aliasSchema.nullable()),
    displayTimezone: timezoneSchema,
    isDefault: z.boolean(),
    status: z.enum(["active", "disabled"], { message: "Status must be active or disabled (remove with DELETE)" }),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Nothing to change");
export type SystemPatch = z.infer<typeof systemPatchSchema>;

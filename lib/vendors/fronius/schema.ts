import { z } from "zod";

const watts = (name: string) =>
  z
    .number({ invalid_type_error: `${name} must be a number of watts` })
    .finite()
    .gt(-10_000_000, `${name} is out of range`)
    .lt(10_000_000, `${name} is out of range`)
    .nullish();
const intervalWh = (name: string) =>
  z
    .number({ invalid_type_error: `${name} must be a number of Wh` })
    .finite()
    .min(0, `${name} is energy in the interval and cannot be negative`)
    .lt(10_000_000, `${name} is out of range`)
    .nullish();

/** What a pusher must change when its key is not a push secret (a site id or a made-up key from an old spec). */
const NOT_A_SECRET =
  "apiKey must be this system's push secret (shown once when the system was added; rotate it in the system's settings); a site id or a chosen key is not accepted";

const apiKey = z
  .string({ required_error: NOT_A_SECRET, invalid_type_error: NOT_A_SECRET })
  .min(16, NOT_A_SECRET)
  .max(256, NOT_A_SECRET);

/** The reading fields of a `store` push (all optional, at least one required). */
export const READING_FIELDS = {
  solarW: watts("solarW"),
  solarLocalW: watts("solarLocalW"),
  solarRemoteW: watts("solarRemoteW"),
  loadW: watts("loadW"),
  batteryW: watts("batteryW"),
  gridW: watts("gridW"),
  batterySOC: z.number({ invalid_type_error: "batterySOC must be a percentage" }).finite().min(0).max(100).nullish(),
  faultCode: z.union([z.number().finite(), z.string().max(64)]).nullish(),
  faultTimestamp: z.union([z.number().finite().nonnegative(), z.string().datetime({ offset: true })]).nullish(),
  generatorStatus: z.number({ invalid_type_error: "generatorStatus must be a number" }).finite().nullish(),
  solarWhInterval: intervalWh("solarWhInterval"),
  loadWhInterval: intervalWh("loadWhInterval"),
  batteryInWhInterval: intervalWh("batteryInWhInterval"),
  batteryOutWhInterval: intervalWh("batteryOutWhInterval"),
  gridInWhInterval: intervalWh("gridInWhInterval"),
  gridOutWhInterval: intervalWh("gridOutWhInterval"),
};

const testSchema = z.object({ apiKey, action: z.literal("test") });
const storeSchema = z.object({
  apiKey,
  action: z.literal("store"),
  timestamp: z
    .string({ required_error: "timestamp is required for store (ISO 8601, e.g. 2025-12-15T02:30:00Z)" })
    .datetime({ offset: true, message: "timestamp must be ISO 8601 with a zone, e.g. 2025-12-15T02:30:00Z" }),
  sequence: z.union([z.string().max(64), z.number().int()]).nullish(),
  ...READING_FIELDS,
});

/**
 * A body without `action` is a store: pushers built to the published push spec send none. Anything else is left
 * for the schema to judge.
 */
function impliedStore(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  return (body as { action?: unknown }).action === undefined ? { ...body, action: "store" } : body;
}

/**
 * A Fronius push body (docs/vendors/fronius.md): `test` checks the key; `store` (also when `action` is left out)
 * carries one minute of readings. Unknown fields (the spec's `siteId`) are ignored: the secret names the system.
 */
export const froniusPushSchema = z.preprocess(
  impliedStore,
  z
    .discriminatedUnion("action", [testSchema, storeSchema], {
      errorMap: (issue, ctx) =>
        issue.code === "invalid_union_discriminator"
          ? { message: 'action must be "test" or "store" (or left out: a body without action is a store)' }
          : { message: ctx.defaultError },
    })
    .superRefine((body, ctx) => {
      if (body.action !== "store") return;
      if (Object.keys(READING_FIELDS).every((k) => body[k as keyof typeof READING_FIELDS] == null)) {
        ctx.addIssue({ code: "custom", message: "a store push needs at least one reading (e.g. solarW)", path: [] });
      }
    }),
);
export type FroniusPush = z.infer<typeof froniusPushSchema>;
export type FroniusStore = Extract<FroniusPush, { action: "store" }>;

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

const apiKey = z
  .string({ required_error: "apiKey is required (the push secret shown when the system was added)" })
  .min(16, "apiKey is not a push secret")
  .max(256, "apiKey is not a push secret");

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

/** A Fronius push body (vendor-apis.md): `test` checks the key; `store` carries one minute of readings. */
export const froniusPushSchema = z
  .discriminatedUnion("action", [testSchema, storeSchema], {
    errorMap: (issue, ctx) =>
      issue.code === "invalid_union_discriminator"
        ? { message: 'action must be "test" or "store"' }
        : { message: ctx.defaultError },
  })
  .superRefine((body, ctx) => {
    if (body.action !== "store") return;
    if (Object.keys(READING_FIELDS).every((k) => body[k as keyof typeof READING_FIELDS] == null)) {
      ctx.addIssue({ code: "custom", message: "a store push needs at least one reading (e.g. solarW)", path: [] });
    }
  });
export type FroniusPush = z.infer<typeof froniusPushSchema>;
export type FroniusStore = Extract<FroniusPush, { action: "store" }>;

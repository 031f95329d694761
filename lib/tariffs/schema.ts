import { z } from "zod";
import { CONTROL_CHARS_RE, NO_CONTROL_CHARS } from "@/lib/systems/fields";
import { AU_HOLIDAY_REGIONS } from "./holidays";

/*
 * A tariff plan: the prices one system (or composite) pays from a start date until the next plan starts.
 * Money is in cents (the minor unit of `currency`); rates may be fractional (27.5 c/kWh) and nothing is rounded
 * here or in the engine: rounding happens only at presentation (lib/tariffs/money.ts).
 */

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes after local midnight of an `HH:mm` time (`24:00` is 1440). */
export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const timeSchema = z
  .string()
  .regex(HHMM, "Use a time as HH:mm, e.g. 07:00 (24:00 for the end of the day)")
  .refine((t) => toMinutes(t) % 5 === 0, "Times must fall on 5-minute boundaries, e.g. 07:00 or 07:30");

export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: "Not a calendar date",
    },
  );

/** Weekday (Mon–Fri), weekend (Sat, Sun) or a public holiday of the plan's region. */
export const dayKindSchema = z.enum(["weekday", "weekend", "holiday"]);
export type DayKind = z.infer<typeof dayKindSchema>;

/**
 * A window of local clock time on some kinds of day, optionally only in some months (a season). `to` before
 * `from` wraps past midnight and means both ends of each listed day (22:00–07:00 = 00:00–07:00 and 22:00–24:00).
 */
export const timeWindowSchema = z
  .object({
    days: z.array(dayKindSchema).min(1, "Pick at least one kind of day").max(3),
    from: timeSchema,
    to: timeSchema,
    months: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
  })
  .refine((w) => w.from !== "24:00", {
    message: "A window starts at 00:00 at the latest; 24:00 can only end one",
    path: ["from"],
  })
  .refine((w) => toMinutes(w.from) !== toMinutes(w.to), {
    message: "A window must not start and end at the same time; use 00:00–24:00 for the whole day",
  });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

const centsPerKwh = z.number().finite().min(-10_000).max(10_000);
const centsNonNegative = z.number().finite().min(0).max(1_000_000);
const printable = (v: string) => !CONTROL_CHARS_RE.test(v);
const periodName = z.string().trim().min(1, "Name the period").max(40).refine(printable, NO_CONTROL_CHARS);

/** A named time-of-use period (Peak, Shoulder, Off-peak …) with its rate and windows. */
export const touPeriodSchema = z.object({
  name: periodName,
  centsPerKwh,
  windows: z.array(timeWindowSchema).min(1, "A period needs at least one window").max(24),
});
export type TouPeriod = z.infer<typeof touPeriodSchema>;

const touPeriods = z.array(touPeriodSchema).min(1).max(12);

/** A step of a block tariff: energy up to `upToKwh` (cumulative within the day or billing period). */
const blockStepSchema = z.object({ upToKwh: z.number().finite().positive().max(1_000_000), centsPerKwh });

/** Prices per interval from a stored series (a dynamic-price retailer), given to the engine as `prices`; tax settings still apply. */
const dynamicRates = z.object({ kind: z.literal("dynamic") });

export const importRatesSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("flat"), centsPerKwh }),
  dynamicRates,
  z.object({ kind: z.literal("tou"), periods: touPeriods }),
  z.object({
    kind: z.literal("block"),
    basis: z.enum(["day", "billingPeriod"]),
    steps: z
      .array(blockStepSchema)
      .min(1)
      .max(8)
      .refine((s) => s.every((step, i) => i === 0 || step.upToKwh > s[i - 1].upToKwh), {
        message: "Each step must end above the one before it",
      }),
    thenCentsPerKwh: centsPerKwh,
  }),
]);
export type ImportRates = z.infer<typeof importRatesSchema>;

export const feedInSchema = z.object({
  rates: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("flat"), centsPerKwh }),
    dynamicRates,
    z.object({ kind: z.literal("tou"), periods: touPeriods }),
  ]),
  /** The first `kwh` exported in a local day earn `rates`; the rest earn `aboveCentsPerKwh`. */
  dailyCap: z.object({ kwh: z.number().finite().positive().max(100_000), aboveCentsPerKwh: centsPerKwh }).optional(),
});
export type FeedIn = z.infer<typeof feedInSchema>;

/** A separately metered circuit (hot water, pool) with its own rate and supply charge. */
export const controlledLoadSchema = z.object({ centsPerKwh, supplyCentsPerDay: centsNonNegative.default(0) });

/**
 * The highest 30-minute average import power inside the windows in each billing period, × `centsPerKw` per day
 * of the period (`per: "day"`) or once for the period (`per: "billingPeriod"`, spread evenly over its days).
 */
export const demandSchema = z.object({
  windows: z.array(timeWindowSchema).min(1).max(24),
  centsPerKw: centsNonNegative,
  per: z.enum(["day", "billingPeriod"]),
});
export type DemandCharge = z.infer<typeof demandSchema>;

export const taxSchema = z.discriminatedUnion("included", [
  z.object({ included: z.literal(true) }),
  z.object({
    included: z.literal(false),
    ratePct: z.number().finite().min(0).max(100),
    /** Households not registered for GST are paid feed-in without it, so tax stays off credits unless asked. */
    onFeedIn: z.boolean().default(false),
  }),
]);

export const billingSchema = z.object({
  cycle: z.enum(["monthly", "quarterly"]),
  /** Day of the month a period starts (1–28, so every month has it). */
  startDay: z.number().int().min(1).max(28),
  /** For quarterly bills: a month a quarter starts in (1 = Jan/Apr/Jul/Oct). */
  startMonth: z.number().int().min(1).max(12).default(1),
});
export type Billing = z.infer<typeof billingSchema>;

export const holidayRegionSchema = z.enum(AU_HOLIDAY_REGIONS);

export const holidaysSchema = z.object({
  /** Built-in public holiday list (lib/tariffs/holidays.ts); null for none. */
  region: holidayRegionSchema.nullable().default(null),
  extraDates: z.array(isoDaySchema).max(100).default([]),
  /** Which windows price a public holiday: weekend ones (the usual), weekday ones, or windows listing "holiday". */
  pricedAs: dayKindSchema.default("weekend"),
});

/** A plan as a person or the API gives it (no id; defaults filled by parsing). */
export const tariffPlanInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the plan").max(80).refine(printable, NO_CONTROL_CHARS),
    effectiveFrom: isoDaySchema,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "Use an ISO 4217 currency code such as AUD")
      .default("AUD"),
    tax: taxSchema.default({ included: true }),
    billing: billingSchema.default({ cycle: "monthly", startDay: 1, startMonth: 1 }),
    holidays: holidaysSchema.default({ region: null, extraDates: [], pricedAs: "weekend" }),
    supply: z.object({ centsPerDay: centsNonNegative }).optional(),
    import: importRatesSchema.optional(),
    controlledLoad: controlledLoadSchema.optional(),
    feedIn: feedInSchema.optional(),
    demand: demandSchema.optional(),
  })
  .strict();
export type TariffPlanInput = z.input<typeof tariffPlanInputSchema>;
export type TariffPlanFields = z.infer<typeof tariffPlanInputSchema>;

/** A stored plan: the fields plus identity and a version that changes on every edit. */
export interface TariffPlan extends TariffPlanFields {
  id: number;
  systemId: number;
  version: number;
  createdAtMs: number;
  updatedAtMs: number;
}

/** The plan fields the engine needs (an id to key billing periods by). */
export type PricedPlan = TariffPlanFields & { id: number | string };

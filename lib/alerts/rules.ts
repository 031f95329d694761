import { z } from "zod";
import { CONTROL_CHARS_RE, NO_CONTROL_CHARS } from "@/lib/systems/fields";

/** Alert severities, least to most severe. */
export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** Alert states: open ones (active, acknowledged) are unique per rule and system. */
export const ALERT_STATES = ["active", "acknowledged", "resolved", "expired"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * Rule kinds. Checked on the readings a poll or push just stored: threshold, battery_low, fault_code, grid_outage,
 * counter_reset. Checked by the alerts cron: offline, vendor_errors, production_drop, cost_over_budget.
 */
export const RULE_KINDS = [
  "threshold",
  "battery_low",
  "fault_code",
  "grid_outage",
  "counter_reset",
  "offline",
  "vendor_errors",
  "production_drop",
  "cost_over_budget",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const READING_KINDS: readonly RuleKind[] = [
  "threshold",
  "battery_low",
  "fault_code",
  "grid_outage",
  "counter_reset",
];
export const CRON_KINDS: readonly RuleKind[] = ["offline", "vendor_errors", "production_drop", "cost_over_budget"];

const minutes = (name: string, max = 7 * 24 * 60) =>
  z
    .number({ invalid_type_error: `${name} must be a number of minutes` })
    .int(`${name} must be whole minutes`)
    .min(0, `${name} must not be negative`)
    .max(max, `${name} must be at most ${max} minutes`);

const percent = (name: string) =>
  z
    .number({ invalid_type_error: `${name} must be a percentage` })
    .min(0, `${name} must be at least 0`)
    .max(100, `${name} must be at most 100`);

/** Parameters of each kind (strict: an unknown field is a 400, not silently dropped). */
export const PARAMS_SCHEMAS = {
  threshold: z
    .object({
      pointId: z.number().int().positive("pointId must be a point id of the system"),
      op: z.enum(["above", "below", "equal"], { errorMap: () => ({ message: "op must be above, below or equal" }) }),
      value: z.number({ invalid_type_error: "value must be a number (in the point's canonical unit)" }).finite(),
      forMinutes: minutes("forMinutes").default(0),
    })
    .strict(),
  battery_low: z
    .object({ belowPercent: percent("belowPercent").default(15), forMinutes: minutes("forMinutes").default(10) })
    .strict(),
  fault_code: z.object({}).strict(),
  grid_outage: z.object({ forMinutes: minutes("forMinutes").default(1) }).strict(),
  counter_reset: z.object({}).strict(),
  offline: z
    .object({ afterMinutes: minutes("afterMinutes").min(1, "afterMinutes must be at least 1").default(60) })
    .strict(),
  vendor_errors: z
    .object({ streak: z.number().int().min(1, "streak must be at least 1").max(1000).default(5) })
    .strict(),
  production_drop: z
    .object({
      belowPercent: percent("belowPercent").default(10),
      forMinutes: minutes("forMinutes").default(60),
      /** Also against the median of the same half hour of this many recent days (0: off). */
      recentDays: z
        .number({ invalid_type_error: "recentDays must be a number of days" })
        .int("recentDays must be whole days")
        .min(0, "recentDays must not be negative")
        .max(30, "recentDays must be at most 30")
        .default(7),
      belowRecentPercent: percent("belowRecentPercent").default(50),
    })
    .strict(),
  cost_over_budget: z
    .object({
      period: z.enum(["day", "month"], { errorMap: () => ({ message: "period must be day or month" }) }).default("day"),
      budgetCents: z
        .number({ invalid_type_error: "budgetCents must be a number of cents" })
        .int("budgetCents must be whole cents")
        .min(0, "budgetCents must not be negative")
        .max(100_000_000, "budgetCents must be at most 100000000"),
    })
    .strict(),
} satisfies Record<RuleKind, z.ZodTypeAny>;

export type RuleParams = { [K in RuleKind]: z.infer<(typeof PARAMS_SCHEMAS)[K]> };

const name = z
  .string()
  .trim()
  .min(1, "name must not be empty")
  .max(80, "name must be at most 80 characters")
  .refine((v) => !CONTROL_CHARS_RE.test(v), `name: ${NO_CONTROL_CHARS}`);
const severity = z.enum(SEVERITIES, { errorMap: () => ({ message: "severity must be info, warning or critical" }) });
const cooldownMinutes = minutes("cooldownMinutes", 30 * 24 * 60);
const escalateAfterMinutes = minutes("escalateAfterMinutes").min(1, "escalateAfterMinutes must be at least 1");

/** A new rule: kind, its parameters, and how it alerts. */
export const ruleInputSchema = z
  .object({
    kind: z.enum(RULE_KINDS, { errorMap: () => ({ message: `kind must be one of ${RULE_KINDS.join(", ")}` }) }),
    name: name.optional(),
    params: z.record(z.unknown()).default({}),
    severity: severity.default("warning"),
    cooldownMinutes: cooldownMinutes.default(30),
    escalateAfterMinutes: escalateAfterMinutes.nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((input, ctx) => {
    const parsed = PARAMS_SCHEMAS[input.kind].safeParse(input.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["params", ...issue.path] });
    }
  })
  .transform((input) => ({
    ...input,
    name: input.name ?? DEFAULT_NAMES[input.kind],
    params: PARAMS_SCHEMAS[input.kind].parse(input.params) as Record<string, unknown>,
  }));
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** A change to a rule: any of its fields but the kind; params replace the old ones (validated for the kind). */
export const rulePatchSchema = z
  .object({
    name: name.optional(),
    params: z.record(z.unknown()).optional(),
    severity: severity.optional(),
    cooldownMinutes: cooldownMinutes.optional(),
    escalateAfterMinutes: escalateAfterMinutes.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: "Give at least one field to change" });
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const DEFAULT_NAMES: Record<RuleKind, string> = {
  threshold: "Threshold",
  battery_low: "Battery low",
  fault_code: "Inverter fault",
  grid_outage: "Grid outage",
  counter_reset: "Counter reset",
  offline: "System offline",
  vendor_errors: "Vendor errors",
  production_drop: "Production drop",
  cost_over_budget: "Cost over budget",
};

/** A stored rule. */
export interface AlertRule {
  id: number;
  systemId: number;
  kind: RuleKind;
  name: string;
  params: Record<string, unknown>;
  severity: Severity;
  cooldownMs: number;
  escalateAfterMs: number | null;
  enabled: boolean;
  isDefault: boolean;
  pendingSinceMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

/** The rule's params parsed for its kind (defaults filled); null when they no longer parse (never fires). */
export function paramsOf<K extends RuleKind>(rule: { kind: K; params: unknown }): RuleParams[K] | null {
  const parsed = PARAMS_SCHEMAS[rule.kind].safeParse(rule.params);
  return parsed.success ? (parsed.data as RuleParams[K]) : null;
}

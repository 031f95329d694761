import "server-only";
import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import { encryptJson, randomSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { timezoneSchema } from "@/lib/systems/schemas";
import { webhookAddressProblem } from "./webhook-address";
import { ALERT_STATES, PARAMS_SCHEMAS, ruleInputSchema, rulePatchSchema, SEVERITIES, type AlertRule } from "./rules";
import {
  alertHistory,
  applyFleetAction,
  applyPersonAction,
  countUnread,
  deleteChannel,
  deleteRule,
  getAlert,
  getMaintenance,
  getUserQuietHours,
  getRule,
  insertChannel,
  insertRule,
  listAlerts,
  listChannels,
  listRules,
  ruleValuesOf,
  setMaintenance,
  setUserQuietHours,
  updateRule,
  visibleSystemIds,
  type Alert,
  type Channel,
} from "./store";

/** Positive whole-number ids in URL segments. */
export const idSchema = (what: string) =>
  z.coerce
    .number({ invalid_type_error: `The ${what} id must be a number` })
    .int(`The ${what} id must be a whole number`)
    .positive(`The ${what} id must be positive`)
    .max(Number.MAX_SAFE_INTEGER, `The ${what} id is too large`);

const csvOf = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const parts = v.split(",").map((s) => s.trim());
      const bad = parts.filter((p) => !values.includes(p as T));
      if (bad.length) {
        ctx.addIssue({ code: "custom", message: `${name} must be among ${values.join(", ")} (comma-separated)` });
        return z.NEVER;
      }
      return parts as T[];
    });

/** Query of the alert lists: filters, page size, and the id to page below. */
export const alertListQuerySchema = z
  .object({
    state: csvOf(ALERT_STATES, "state"),
    severity: csvOf(SEVERITIES, "severity"),
    limit: z.coerce
      .number()
      .int("limit must be a whole number")
      .min(1, "limit is at least 1")
      .max(200, "limit is at most 200")
      .default(50),
    before: idSchema("alert").optional(),
  })
  .strict();
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

/** A person's action on an alert. */
export const alertActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge") }).strict(),
    z
      .object({
        action: z.literal("resolve"),
        note: z.string().trim().max(500, "note must be at most 500 characters").optional(),
      })
      .strict(),
    z
      .object({
        action: z.literal("snooze"),
        minutes: z
          .number({ required_error: "minutes is required to snooze", invalid_type_error: "minutes must be a number" })
          .int("minutes must be whole")
          .min(1, "snooze for at least 1 minute")
          .max(7 * 24 * 60, "snooze for at most 7 days"),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: "action must be acknowledge, resolve or snooze" }) },
);

/** Quiet hours as "HH:MM". */
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "quiet hours are given as HH:MM (24-hour clock)")
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));

/** A new channel: an email address, or a webhook URL (its signing secret is made here and shown once). */
export const channelInputSchema = z
  .object({
    type: z.enum(["email", "webhook"], { errorMap: () => ({ message: "type must be email or webhook" }) }),
    target: z.string().trim().min(1, "target must not be empty").max(500, "target must be at most 500 characters"),
    minSeverity: z
      .enum(SEVERITIES, { errorMap: () => ({ message: "minSeverity must be info, warning or critical" }) })
      .default("info"),
    audience: z
      .enum(["all", "escalation"], { errorMap: () => ({ message: "audience must be all or escalation" }) })
      .default("all"),
    quietStart: hhmm.nullable().default(null),
    quietEnd: hhmm.nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type === "email" && !z.string().email().safeParse(c.target).success) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "target must be an email address" });
    }
    if (c.type === "webhook") {
      let url: URL | null = null;
      try {
        url = new URL(c.target);
      } catch {
        url = null;
      }
      if (!url || !["https:", "http:"].includes(url.protocol) || url.username || url.password) {
        ctx.addIssue({
          code: "custom",
          path: ["target"],
          message: "target must be an http(s) URL without credentials",
        });
      } else if (url.protocol === "http:" && getEnv().isProduction && getEnv().AUTH_MODE !== "local") {
        // Plain http only off production, or on a local stack (local sign-in: the demo and end-to-end runs).
        ctx.addIssue({ code: "custom", path: ["target"], message: "webhooks must use https" });
      }
    }
    if ((c.quietStart === null) !== (c.quietEnd === null)) {
      ctx.addIssue({ code: "custom", path: ["quietStart"], message: "give both quietStart and quietEnd, or neither" });
    }
  });

/** A person's own quiet hours: "22:00"–"07:00" in their IANA zone, or both null for none. */
export const userQuietHoursSchema = z
  .object({
    quietStart: hhmm.nullable(),
    quietEnd: hhmm.nullable(),
    timezone: timezoneSchema.default("UTC"),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.quietStart === null) !== (c.quietEnd === null)) {
      ctx.addIssue({ code: "custom", path: ["quietStart"], message: "give both quietStart and quietEnd, or neither" });
    }
  });

const hhmmOf = (min: number | null) =>
  min === null ? null : `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

/** A person's quiet hours as the API shows them. */
export async function quietHoursOf(userId: string) {
  const q = await getUserQuietHours(userId);
  return {
    quietStart: hhmmOf(q?.quietStartMin ?? null),
    quietEnd: hhmmOf(q?.quietEndMin ?? null),
    timezone: q?.timezone ?? "UTC",
  };
}

export async function changeQuietHours(userId: string, body: z.infer<typeof userQuietHoursSchema>) {
  await setUserQuietHours(userId, {
    quietStartMin: body.quietStart,
    quietEndMin: body.quietEnd,
    timezone: body.timezone,
  });
  return quietHoursOf(userId);
}

/** Maintenance mode: on for `minutes` from now, or off (0). */
export const maintenanceSchema = z
  .object({
    minutes: z
      .number({
        required_error: "minutes is required (0 ends maintenance)",
        invalid_type_error: "minutes must be a number",
      })
      .int("minutes must be whole")
      .min(0, "minutes must not be negative")
      .max(30 * 24 * 60, "maintenance lasts at most 30 days"),
  })
  .strict();

export const rulesOf = listRules;

/** Parses and stores a new rule (params validated for its kind). */
export async function createRule(systemId: number, body: unknown, userId: string): Promise<AlertRule> {
  const parsed = ruleInputSchema.safeParse(body);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "alert rule");
  return insertRule(systemId, parsed.data.kind, ruleValuesOf(parsed.data), userId);
}

/** Applies a partial change to a rule (params validated for the rule's kind). */
export async function changeRule(systemId: number, ruleId: number, body: unknown, userId: string) {
  const patch = rulePatchSchema.safeParse(body);
  if (!patch.success) throw ApiError.fromZod(patch.error, "alert rule change");
  const rule = await getRule(systemId, ruleId);
  const p = patch.data;
  const params = p.params ? PARAMS_SCHEMAS[rule.kind].safeParse(p.params) : null;
  if (params && !params.success) {
    throw ApiError.fromZod(
      new z.ZodError(params.error.issues.map((i) => ({ ...i, path: ["params", ...i.path] }))),
      "alert rule change",
    );
  }
  return updateRule(
    systemId,
    ruleId,
    {
      name: p.name ?? rule.name,
      params: params ? (params.data as Record<string, unknown>) : rule.params,
      severity: p.severity ?? rule.severity,
      cooldownMs: p.cooldownMinutes !== undefined ? p.cooldownMinutes * 60_000 : rule.cooldownMs,
      escalateAfterMs:
        p.escalateAfterMinutes !== undefined
          ? p.escalateAfterMinutes === null
            ? null
            : p.escalateAfterMinutes * 60_000
          : rule.escalateAfterMs,
      enabled: p.enabled ?? rule.enabled,
    },
    userId,
  );
}

export const removeRule = deleteRule;

/** A system's channels (secrets never leave the server: only whether one is set). */
export const channelsOf = listChannels;

/** Stores a channel; a webhook gets a fresh signing secret, returned this once and kept encrypted. */
export async function createChannel(
  systemId: number,
  body: unknown,
  userId: string,
): Promise<{ channel: Channel; secret?: string }> {
  const parsed = channelInputSchema.safeParse(body);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "alert channel");
  const c = parsed.data;
  if (c.type === "webhook") {
    const problem = await webhookAddressProblem(c.target);
    if (problem) throw new ApiError("BAD_REQUEST", problem, { field: "target" });
  }
  const secret = c.type === "webhook" ? `whsec_${randomSecret(24)}` : undefined;
  const channel = await insertChannel(
    systemId,
    {
      type: c.type,
      target: c.target,
      secret: secret ? encryptJson(secret) : null,
      minSeverity: c.minSeverity,
      audience: c.audience,
      quietStartMin: c.quietStart,
      quietEndMin: c.quietEnd,
      enabled: c.enabled,
    },
    userId,
  );
  return secret ? { channel, secret } : { channel };
}

export const removeChannel = deleteChannel;

export async function maintenanceOf(systemId: number, nowMs = Date.now()) {
  const until = await getMaintenance(systemId);
  return { maintenanceUntilMs: until !== null && until > nowMs ? until : null };
}

export async function changeMaintenance(systemId: number, minutes: number, userId: string, nowMs = Date.now()) {
  await setMaintenance(systemId, minutes === 0 ? null : nowMs + minutes * 60_000, userId, nowMs);
  return maintenanceOf(systemId, nowMs);
}

/** Alerts of some systems (null: all, for platform admins) with the unread count for the bell. */
export async function alertsFor(systemIds: number[] | null, fleet: boolean, q: AlertListQuery, nowMs = Date.now()) {
  const [alerts, unread] = await Promise.all([
    listAlerts({
      systemIds,
      fleet,
      states: q.state,
      severities: q.severity,
      limit: q.limit,
      beforeId: q.before,
    }),
    countUnread(systemIds, fleet, nowMs),
  ]);
  return { alerts, unread, emailEnabled: Boolean(getEnv().SMTP_URL) };
}

/** One alert of a system with its transitions and delivery log; 404 when the system has no such alert. */
export async function alertOfSystem(systemId: number, alertId: number) {
  const alert = await getAlert(alertId);
  if (!alert || alert.systemId !== systemId) throw notFound("Alert not found");
  return { alert, ...(await alertHistory(alertId)) };
}

/** A person's action on an alert of the system. */
export async function actOnAlert(
  systemId: number,
  alertId: number,
  body: z.infer<typeof alertActionSchema>,
  userId: string,
) {
  const { alert } = await alertOfSystem(systemId, alertId);
  const nowMs = Date.now();
  const action =
    body.action === "snooze"
      ? ({ action: "snooze", untilMs: nowMs + body.minutes * 60_000 } as const)
      : body.action === "resolve"
        ? ({ action: "resolve", note: body.note } as const)
        : ({ action: "acknowledge" } as const);
  const after: Alert = await applyPersonAction(alert, action, userId, nowMs);
  return { alert: after };
}

/** A platform admin's action on a fleet (vendor outage) alert. */
export const fleetActionSchema = z
  .object({
    action: z.enum(["acknowledge", "resolve"], {
      errorMap: () => ({ message: "action must be acknowledge or resolve" }),
    }),
  })
  .strict();

/**
 * Acknowledges (or resolves) a vendor-outage alert once for the fleet, with the per-system alerts it holds back;
 * 404 for an unknown alert, 400 for a system's own alert (acted on under its system), 409 when the state forbids it.
 */
export async function actOnFleetAlert(alertId: number, body: z.infer<typeof fleetActionSchema>, userId: string) {
  const alert = await getAlert(alertId);
  if (!alert) throw notFound("Alert not found");
  return applyFleetAction(alert, body.action, userId);
}

/** The alerts a signed-in user may see (pages): platform admins everything, others their own and shared systems. */
export async function alertsForUser(user: { userId: string; isPlatformAdmin: boolean }, q: AlertListQuery) {
  if (user.isPlatformAdmin) return alertsFor(null, true, q);
  return alertsFor(await visibleSystemIds(user.userId), false, q);
}

/** The bell's count: open, unacknowledged, unsnoozed alerts the user may see. */
export async function unreadForUser(user: { userId: string; isPlatformAdmin: boolean }, nowMs = Date.now()) {
  if (user.isPlatformAdmin) return countUnread(null, true, nowMs);
  return countUnread(await visibleSystemIds(user.userId), false, nowMs);
}
export { visibleSystemIds };

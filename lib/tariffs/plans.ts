import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { tariffPlanInputSchema, type TariffPlan, type TariffPlanFields } from "./schema";
import { deleteTariffPlan, getTariffPlan, insertTariffPlan, listTariffPlans, replaceTariffPlan } from "./store";
import { validatePlan } from "./validate";

/** The `[planId]` URL segment. */
export const planIdSchema = z.coerce
  .number({ invalid_type_error: "The plan id must be a number" })
  .int("The plan id must be a whole number")
  .positive("The plan id must be positive");

/** PUT body: the whole plan, and optionally the version it was edited from (409 if it changed meanwhile). */
export const tariffPlanUpdateSchema = tariffPlanInputSchema.extend({ version: z.number().int().positive().optional() });

/** A plan as the API returns it: the stored plan and what a person should know about it. */
export interface TariffPlanView extends TariffPlan {
  warnings: string[];
}

/** The plan's warnings; 400 listing every problem a person can fix when it cannot price every interval. */
function checked(fields: TariffPlanFields): string[] {
  const { errors, warnings } = validatePlan(fields);
  if (errors.length) {
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
    const summary = errors
      .slice(0, 3)
      .map((e) => e.message)
      .join("; ");
    throw new ApiError("BAD_REQUEST", `The plan cannot be saved: ${summary}${more}`, { issues: errors.slice(0, 20) });
  }
  return warnings.map((w) => w.message);
}

const view = (plan: TariffPlan): TariffPlanView => ({
  ...plan,
  warnings: validatePlan(plan).warnings.map((w) => w.message),
});

/** A system's plans, oldest first, each with its warnings. */
export async function listPlans(systemId: number): Promise<TariffPlanView[]> {
  return (await listTariffPlans(systemId)).map(view);
}

/** One plan with its warnings; 404 when the system has no such plan. */
export async function getPlan(systemId: number, planId: number): Promise<TariffPlanView> {
  return view(await getTariffPlan(systemId, planId));
}

/** Validates and stores a new plan (nothing is written on a 400 or 409). */
export async function createPlan(systemId: number, fields: TariffPlanFields, userId: string): Promise<TariffPlanView> {
  const warnings = checked(fields);
  return { ...(await insertTariffPlan(systemId, fields, userId)), warnings };
}

/** Validates and replaces a plan; `version`, when given, must be the stored one. */
export async function updatePlan(
  systemId: number,
  planId: number,
  body: z.infer<typeof tariffPlanUpdateSchema>,
): Promise<TariffPlanView> {
  const { version, ...fields } = body;
  const warnings = checked(fields);
  return { ...(await replaceTariffPlan(systemId, planId, fields, version)), warnings };
}

/** Removes a plan. */
export async function removePlan(systemId: number, planId: number): Promise<void> {
  await deleteTariffPlan(systemId, planId);
}

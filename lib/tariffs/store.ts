import "server-only";
import type { InValue } from "@libsql/client";
import { ApiError, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { tariffPlanInputSchema, type TariffPlan, type TariffPlanFields } from "./schema";

/** At most this many plans per system (years of plan changes fit easily). */
export const MAX_PLANS_PER_SYSTEM = 100;

const COLUMNS = "id, system_id, plan, version, created_at, updated_at";

/** Parsed plans by their stored JSON: every costs read lists the plans, and parsing dominated that. */
const parsed = new Map<string, TariffPlanFields>();

function fieldsOf(json: string): TariffPlanFields {
  let fields = parsed.get(json);
  if (!fields) {
    // Stored plans were validated on the way in; parsing again fills defaults added since.
    fields = tariffPlanInputSchema.parse(JSON.parse(json));
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(json, fields);
  }
  // A deep copy: callers may change the plan they get (the cache must not see it).
  return structuredClone(fields);
}

function toPlan(row: Record<string, unknown>): TariffPlan {
  const fields = fieldsOf(String(row.plan));
  return {
    ...fields,
    id: Number(row.id),
    systemId: Number(row.system_id),
    version: Number(row.version),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
  };
}

async function rows(sql: string, args: InValue[]) {
  return (await getDb().$client.execute({ sql, args })).rows as unknown as Array<Record<string, unknown>>;
}

function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed/i.test(String((err as { message?: unknown })?.message ?? err));
}

const sameDay = (day: string) => new ApiError("CONFLICT", `Another plan of this system already starts on ${day}`);

/** A system's plans, oldest first (the order the engine reads them in). */
export async function listTariffPlans(systemId: number): Promise<TariffPlan[]> {
  const found = await rows(`SELECT ${COLUMNS} FROM tariff_plans WHERE system_id = ? ORDER BY effective_from`, [
    systemId,
  ]);
  return found.map(toPlan);
}

/** The plans of several systems (each oldest first), one read: the daily cost step prices many systems at once. */
export async function listTariffPlansOf(systemIds: number[]): Promise<Map<number, TariffPlan[]>> {
  const out = new Map<number, TariffPlan[]>(systemIds.map((id) => [id, []]));
  for (let i = 0; i < systemIds.length; i += 500) {
    const part = systemIds.slice(i, i + 500);
    const found = await rows(
      `SELECT ${COLUMNS} FROM tariff_plans WHERE system_id IN (${part.map(() => "?").join(",")}) ` +
        "ORDER BY system_id, effective_from",
      part,
    );
    for (const row of found) out.get(Number(row.system_id))?.push(toPlan(row));
  }
  return out;
}

/** One plan of a system; 404 when it has no such plan. */
export async function getTariffPlan(systemId: number, planId: number): Promise<TariffPlan> {
  const [row] = await rows(`SELECT ${COLUMNS} FROM tariff_plans WHERE system_id = ? AND id = ?`, [systemId, planId]);
  if (!row) throw notFound("Tariff plan not found");
  return toPlan(row);
}

/** Stores a new (already validated) plan. 409 when another plan starts the same day or the system has too many. */
export async function insertTariffPlan(
  systemId: number,
  fields: TariffPlanFields,
  userId: string | null,
): Promise<TariffPlan> {
  const now = Date.now();
  try {
    const [row] = await rows(
      "INSERT INTO tariff_plans (system_id, name, effective_from, plan, version, created_by, created_at, updated_at) " +
        "SELECT ?, ?, ?, ?, 1, ?, ?, ? WHERE (SELECT count(*) FROM tariff_plans WHERE system_id = ?) < ? " +
        `RETURNING ${COLUMNS}`,
      [
        systemId,
        fields.name,
        fields.effectiveFrom,
        JSON.stringify(fields),
        userId,
        now,
        now,
        systemId,
        MAX_PLANS_PER_SYSTEM,
      ],
    );
    if (!row)
      throw new ApiError(
        "CONFLICT",
        `A system can have at most ${MAX_PLANS_PER_SYSTEM} tariff plans; remove old ones first`,
      );
    return toPlan(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw sameDay(fields.effectiveFrom);
    throw err;
  }
}

/**
 * Replaces a plan's fields and bumps its version. With `expectedVersion`, 409 when someone else changed it
 * first; 404 when the system has no such plan.
 */
export async function replaceTariffPlan(
  systemId: number,
  planId: number,
  fields: TariffPlanFields,
  expectedVersion?: number,
): Promise<TariffPlan> {
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await rows(
      "UPDATE tariff_plans SET name = ?, effective_from = ?, plan = ?, version = version + 1, updated_at = ? " +
        `WHERE system_id = ? AND id = ? AND (? IS NULL OR version = ?) RETURNING ${COLUMNS}`,
      [
        fields.name,
        fields.effectiveFrom,
        JSON.stringify(fields),
        Date.now(),
        systemId,
        planId,
        expectedVersion ?? null,
        expectedVersion ?? null,
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw sameDay(fields.effectiveFrom);
    throw err;
  }
  if (row) return toPlan(row);
  const current = await getTariffPlan(systemId, planId); // 404 when missing
  throw new ApiError(
    "CONFLICT",
    `The plan was changed by someone else (now version ${current.version}); reload it and try again`,
  );
}

/** Removes a plan; the days it priced fall to the plan before it (or have no plan). 404 when missing. */
export async function deleteTariffPlan(systemId: number, planId: number): Promise<void> {
  const res = await getDb().$client.execute({
    sql: "DELETE FROM tariff_plans WHERE system_id = ? AND id = ?",
    args: [systemId, planId],
  });
  if (!res.rowsAffected) throw notFound("Tariff plan not found");
}

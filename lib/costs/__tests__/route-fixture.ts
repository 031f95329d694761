import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import type { Db } from "@/lib/db/client";
import { tariffPlanInputSchema } from "@/lib/tariffs";
import { insertTariffPlan } from "@/lib/tariffs/store";
import { dayBounds } from "@/lib/time/zones";
import { insertTestUser } from "@/test/helpers/test-vendor";

/**
 * The costs routes' shared system: users "owner" (its owner) and "viewer" (a viewer grant), solar at 1,200 W and a
 * 300 W import all of `day` (7.2 kWh), and the given tariff plans (plan inputs, parsed here) saved by the owner.
 * Returns the system's id and its point ids.
 */
export async function seedCostsHome(
  db: Db,
  zone: string,
  day: string,
  plans: unknown[],
): Promise<{ id: number; p: Record<string, number> }> {
  for (const u of ["owner", "viewer"]) await insertTestUser(db, u);
  const s = await systemWith(db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
  await db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [s.id],
  });
  const { startMs, endMs } = dayBounds(day, zone);
  await put5m(db, s.id, s.p.solar, constant(startMs, endMs, 1200));
  await put5m(db, s.id, s.p.grid, constant(startMs, endMs, 300));
  for (const plan of plans) await insertTariffPlan(s.id, tariffPlanInputSchema.parse(plan), "owner");
  return s;
}

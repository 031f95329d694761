import { listPlans } from "@/lib/tariffs/plans";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { DEMO_SYSTEMS, seedDemo } from "../seed";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("demo tariff plans", () => {
  it("gives every demo system a valid plan once, and keeps a person's edits on a re-run", async () => {
    const { ids } = await seedDemo(t.db);
    const plans = await Promise.all(ids.map((id) => listPlans(id)));
    expect(plans.map((p) => p.length)).toEqual(ids.map(() => 1));
    const byAlias = Object.fromEntries(DEMO_SYSTEMS.map((s, i) => [s.alias, plans[i][0]]));
    expect(byAlias.home.import?.kind).toBe("tou");
    expect(byAlias.tariff.import?.kind).toBe("dynamic");
    expect(byAlias.perth).toMatchObject({ import: { kind: "flat" }, holidays: { region: "WA" } });
    for (const p of plans.flat()) expect(p.warnings).toEqual([]);

    await t.db.$client.execute({
      sql: "UPDATE tariff_plans SET plan = json_set(plan, '$.name', 'Mine') WHERE system_id = ?",
      args: [ids[0]],
    });
    await seedDemo(t.db);
    const again = await listPlans(ids[0]);
    expect(again.map((p) => p.name)).toEqual(["Mine"]);
  });
});

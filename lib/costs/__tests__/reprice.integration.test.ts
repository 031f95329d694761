import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { GET as getCosts } from "@/app/api/systems/[system]/costs/route";
import { DELETE, PUT } from "@/app/api/systems/[system]/tariffs/[planId]/route";
import { POST } from "@/app/api/systems/[system]/tariffs/route";
import { call, params } from "@/lib/systems/__tests__/request";
import { dayBounds, localDay } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import type { CostPlan } from "../compute";
import { staleDays } from "../reprice";

const plan = (id: number, effectiveFrom: string, version = 1) => ({ id, effectiveFrom, version }) as CostPlan;

describe("staleDays", () => {
  const stored = (day: string, planId: number | null, planVersion: number | null) => ({ day, planId, planVersion });
  it.each([
    ["same plan and version: fresh", [stored("2025-06-10", 1, 1)], [plan(1, "2025-01-01")], []],
    ["the plan was edited (new version)", [stored("2025-06-10", 1, 1)], [plan(1, "2025-01-01", 2)], ["2025-06-10"]],
    [
      "a new plan from the 11th takes over later days only",
      [stored("2025-06-10", 1, 1), stored("2025-06-11", 1, 1)],
      [plan(1, "2025-01-01"), plan(2, "2025-06-11")],
      ["2025-06-11"],
    ],
    ["the plan was removed: the day has none now", [stored("2025-06-10", 1, 1)], [], ["2025-06-10"]],
    ["a day without a plan gets one", [stored("2025-06-10", null, null)], [plan(3, "2025-06-01")], ["2025-06-10"]],
  ])("%s", (_, rows, plans, want) => {
    expect(staleDays(rows, plans)).toEqual(want);
  });
});

describe("a plan change reprices the stored days it covers", () => {
  let t: TestDb;
  let home: number;
  const zone = "Australia/Melbourne";
  const yesterday = localDay(Date.now() - 86_400_000, zone);
  const sys = () => params({ system: String(home) });
  const storedDay = async () =>
    (
      await t.db.$client.execute({
        sql: "SELECT plan_id, plan_version, import_cents FROM costs_daily WHERE system_id = ? AND day = ?",
        args: [home, yesterday],
      })
    ).rows[0];

  beforeAll(async () => {
    t = await createTestDb();
    jest.spyOn(console, "info").mockImplementation(() => undefined);
    await insertTestUser(t.db, "owner");
    const s = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
    home = s.id;
    // Yesterday: 300 W import all day = 7.2 kWh.
    const { startMs, endMs } = dayBounds(yesterday, zone);
    await put5m(t.db, home, s.p.solar, constant(startMs, endMs, 1200));
    await put5m(t.db, home, s.p.grid, constant(startMs, endMs, 300));
  });
  afterAll(() => t.cleanup());

  it("on create, edit and delete, without waiting for a read", async () => {
    const body = { name: "Flat", effectiveFrom: "2020-01-01", import: { kind: "flat", centsPerKwh: 30 } };
    const created = await call(POST, `/api/systems/${home}/tariffs`, sys(), { method: "POST", user: "owner", body });
    expect(created.status).toBe(201);
    const id = created.body.plan.id;
    // Priced and stored by a read.
    await call(getCosts, `/api/systems/${home}/costs?period=day&from=${yesterday}&to=${yesterday}`, sys(), {
      user: "owner",
    });
    expect(Number((await storedDay()).import_cents)).toBeCloseTo(216, 6);

    const one = params({ system: String(home), planId: String(id) });
    const edit = { ...body, import: { kind: "flat", centsPerKwh: 40 }, version: 1 };
    expect((await call(PUT, "/x", one, { method: "PUT", user: "owner", body: edit })).status).toBe(200);
    const after = await storedDay();
    expect(Number(after.plan_version)).toBe(2);
    expect(Number(after.import_cents)).toBeCloseTo(288, 6);

    expect((await call(DELETE, "/x", one, { method: "DELETE", user: "owner" })).status).toBe(200);
    const gone = await storedDay();
    expect(gone.plan_id).toBeNull();
    expect(gone.import_cents).toBeNull();
  });
});

import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { writeDailyAccounts } from "@/lib/accounts/days";
import { tariffPlanInputSchema, type TariffPlanInput } from "@/lib/tariffs";
import { insertTariffPlan, replaceTariffPlan } from "@/lib/tariffs/store";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { getCosts } from "..";
import { saveActualBill } from "../bills";
import { accountsAndCostsAfterDaily, writeDailyCosts } from "../job";
import { loadCostDays } from "../store";

let t: TestDb;
const zone = "Australia/Melbourne";
const H = 3_600_000;
const D1 = "2026-03-10";
const D2 = "2026-03-11";
const NOW = dayBounds("2026-03-12", zone).startMs + 10 * H;

const flat = (over: Partial<TariffPlanInput> = {}) =>
  tariffPlanInputSchema.parse({
    name: "Flat",
    effectiveFrom: "2026-01-01",
    holidays: { region: "VIC" },
    supply: { centsPerDay: 100 },
    import: { kind: "flat", centsPerKwh: 30 },
    feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    ...over,
  });

/** A system with solar 1200 W and grid import 300 W all the time (home 1500 W, derived), from Mar 1 to now. */
async function homeSystem() {
  const s = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
  const from = dayBounds("2026-03-01", zone).startMs;
  await put5m(t.db, s.id, s.p.solar, constant(from, NOW, 1200));
  await put5m(t.db, s.id, s.p.grid, constant(from, NOW, 300));
  return s;
}

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

describe("costs from the accounts", () => {
  it("prices a day: import, supply, no export; savings vs both counterfactuals; carbon by the plan's state", async () => {
    const s = await homeSystem();
    await insertTariffPlan(s.id, flat(), "owner");
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW });
    expect(res.rows).toHaveLength(1);
    const r = res.rows[0];
    // 300 W × 24 h = 7.2 kWh × 30 c; 100 c supply.
    expect(r.importCents).toBeCloseTo(216, 9);
    expect(r.exportCents).toBeCloseTo(0, 9);
    expect(r.supplyCents).toBe(100);
    expect(r.demandCents).toBe(0);
    expect(r.netCents).toBeCloseTo(316, 9);
    // Without the system: 1500 W × 24 h = 36 kWh × 30 c + 100 c; without a battery nothing changes.
    expect(r.savings.vsNoSystemCents).toBeCloseTo(1180 - 316, 9);
    expect(r.savings.batteryCents).toBeCloseTo(0, 9);
    // Victoria 0.77 kg/kWh: 7.2 kWh bought, 28.8 kWh of solar used at home.
    expect(res.carbonRegion).toMatchObject({ region: "VIC", kgPerKwh: 0.77 });
    expect(r.carbon.importG).toBeCloseTo(7200 * 0.77, 6);
    expect(r.carbon.avoidedG).toBeCloseTo(28800 * 0.77, 6);
    expect(r).toMatchObject({ intervals: 288, unknownIntervals: 0, estimated: true, inProgress: false });
    expect(res.methods.noSolarNoBattery).toMatch(/bought from the grid/);
    // Stored with the accounts for next time.
    expect((await loadCostDays(s.id, D1, D1))[0]).toMatchObject({ day: D1, importCents: expect.closeTo(216, 9) });
  });

  it("the interval costs of a day add up to the day's import cost, to the cent", async () => {
    const s = await homeSystem();
    await insertTariffPlan(s.id, flat(), "owner");
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, to: D1, intervals: true, nowMs: NOW });
    expect(res.intervals).toHaveLength(288);
    const sum = res.intervals!.reduce((a, iv) => a + iv.importCents!, 0);
    expect(Math.round(sum)).toBe(Math.round(res.rows[0].importCents!));
  });

  it("an edited plan reprices the stored days (its version is part of the row)", async () => {
    const s = await homeSystem();
    const plan = await insertTariffPlan(s.id, flat(), "owner");
    await writeDailyAccounts({ id: s.id, vendorType: "test", displayTimezone: zone }, [D1], NOW);
    expect(await writeDailyCosts({ id: s.id, vendorType: "test", displayTimezone: zone }, [D1], NOW)).toBe(1);
    expect((await loadCostDays(s.id, D1, D1))[0].importCents).toBeCloseTo(216, 9);
    await replaceTariffPlan(s.id, plan.id, flat({ import: { kind: "flat", centsPerKwh: 40 } }));
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW });
    expect(res.rows[0].importCents).toBeCloseTo(288, 9);
    expect((await loadCostDays(s.id, D1, D1))[0]).toMatchObject({ planVersion: 2, importCents: expect.closeTo(288) });
  });

  it("the daily step stores each day's costs from the accounts' own ledger, valid for that computation", async () => {
    const s = await homeSystem();
    await insertTariffPlan(s.id, flat(), "owner");
    expect(await accountsAndCostsAfterDaily([{ systemId: s.id, days: [D1, D2] }], NOW, 0)).toBe(2);
    const stored = await loadCostDays(s.id, D1, D2);
    expect(stored.map((d) => [d.day, Math.round(d.importCents!)])).toEqual([
      [D1, 216],
      [D2, 216],
    ]);
    expect(stored.every((d) => d.accountsComputedAt === NOW && d.currentAccountsAt === NOW)).toBe(true);
    // Recomputed accounts (a later computed_at) make the stored costs stale: priced again on read.
    await writeDailyAccounts({ id: s.id, vendorType: "test", displayTimezone: zone }, [D1], NOW + 60_000);
    await getCosts({ systemId: s.id, period: "day", from: D1, to: D2, nowMs: NOW + 60_000 });
    const again = await loadCostDays(s.id, D1, D2);
    expect(again.map((d) => d.accountsComputedAt)).toEqual([NOW + 60_000, NOW]);
  });

  it("a plan change mid-month: each day keeps its plan; the month adds both", async () => {
    const s = await homeSystem();
    await insertTariffPlan(s.id, flat(), "owner");
    await insertTariffPlan(
      s.id,
      flat({ name: "Dearer", effectiveFrom: D2, import: { kind: "flat", centsPerKwh: 50 } }),
      "owner",
    );
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, to: D2, nowMs: NOW });
    expect(res.rows.map((r) => Math.round(r.importCents!))).toEqual([216, 360]);
    expect(res.rows[1].planIds).toHaveLength(1);
    expect(res.rows[0].planIds).not.toEqual(res.rows[1].planIds);
    const month = await getCosts({ systemId: s.id, period: "month", from: D1, nowMs: NOW });
    expect(month.rows[0].planIds).toHaveLength(2);
    expect(month.rows[0].inProgress).toBe(true);
  });

  it("dynamic prices: each interval at the vendor's price, feed-in paid when the export price is below 0", async () => {
    const s = await systemWith(t.db, zone, {
      solar: "source.solar/power",
      grid: "bidi.grid/power",
      buy: "bidi.grid.import/price",
      sell: "bidi.grid.export/price",
      green: "bidi.grid.renewables/percent",
    });
    const { startMs, endMs } = dayBounds(D1, zone);
    await put5m(t.db, s.id, s.p.solar, constant(startMs, endMs, 1200));
    await put5m(t.db, s.id, s.p.grid, [
      ...constant(startMs, startMs + 12 * H, 300),
      ...constant(startMs + 12 * H, endMs, -300),
    ]);
    await put5m(t.db, s.id, s.p.buy, constant(startMs, endMs, 40));
    await put5m(t.db, s.id, s.p.sell, constant(startMs, endMs, -8));
    await put5m(t.db, s.id, s.p.green, constant(startMs, endMs, 50));
    await insertTariffPlan(
      s.id,
      flat({ import: { kind: "dynamic" }, feedIn: { rates: { kind: "dynamic" } }, supply: undefined }),
      "owner",
    );
    const r = (await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW })).rows[0];
    expect(r.importCents).toBeCloseTo(3.6 * 40, 9);
    expect(r.exportCents).toBeCloseTo(3.6 * 8, 9);
    // Half the grid's energy renewable: half the region's factor.
    expect(r.carbon.importG).toBeCloseTo(3600 * 0.77 * 0.5, 6);
  });

  it("today so far ends at its last reading: intervals whose readings have not arrived yet are not unknown", async () => {
    const s = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
    const start = dayBounds("2026-03-12", zone).startMs;
    await put5m(t.db, s.id, s.p.solar, constant(start, NOW - 20 * 60_000, 1200));
    await put5m(t.db, s.id, s.p.grid, constant(start, NOW - 20 * 60_000, 300));
    await insertTariffPlan(s.id, flat(), "owner");
    const r = (await getCosts({ systemId: s.id, period: "day", nowMs: NOW })).rows[0];
    expect(r).toMatchObject({ key: "2026-03-12", inProgress: true, unknownIntervals: 0 });
    // 10 h of readings so far less 20 minutes: 116 intervals of 25 Wh at 30 c/kWh.
    expect(r.intervals).toBe(116);
    expect(r.importCents).toBeCloseTo(116 * 25 * 0.03, 9);
  });

  it("unknown flows make costs unknown, never 0", async () => {
    const s = await systemWith(t.db, zone, { solar: "source.solar/power" });
    await put5m(t.db, s.id, s.p.solar, constant(dayBounds(D1, zone).startMs, NOW, 1200));
    await insertTariffPlan(s.id, flat(), "owner");
    const r = (await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW })).rows[0];
    expect(r.importCents).toBeNull();
    expect(r.netCents).toBeNull();
    expect(r.savings.vsNoSystemCents).toBeNull();
    expect(r.carbon.importG).toBeNull();
    expect(r.unknownIntervals).toBe(288);
  });

  it("no plan: costs unknown with a warning", async () => {
    const s = await homeSystem();
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW });
    expect(res.rows[0].netCents).toBeNull();
    expect(res.bill).toBeNull();
    expect(res.warnings.join(" ")).toMatch(/no tariff plan/);
  });

  it("demand: the billing period's peak half hour in the window, spread over the period's days", async () => {
    const s = await homeSystem();
    await insertTariffPlan(
      s.id,
      flat({
        demand: {
          windows: [{ days: ["weekday", "weekend"], from: "15:00", to: "21:00" }],
          centsPerKw: 3100,
          per: "billingPeriod",
        },
      }),
      "owner",
    );
    const res = await getCosts({ systemId: s.id, period: "day", from: D1, nowMs: NOW });
    // 300 W all the time: 0.3 kW × 3100 c over the 31 days of March.
    expect(res.rows[0].demandCents).toBeCloseTo((0.3 * 3100) / 31, 9);
    // Without solar the home's 1.5 kW sets the peak.
    expect(res.rows[0].savings.vsNoSystemCents).toBeCloseTo(1180 - 316 + ((1.5 - 0.3) * 3100) / 31, 9);
  });

  it("the bill: so far, projected to the end, and an entered actual with its difference", async () => {
    const s = await homeSystem();
    await insertTariffPlan(s.id, flat(), "owner");
    await expect(saveActualBill(s.id, "2026-03-02", 9000, "owner")).rejects.toThrow(
      /not the start of a billing period/,
    );
    await saveActualBill(s.id, "2026-03-01", 9000, "owner");
    const res = await getCosts({ systemId: s.id, period: "bill", nowMs: NOW });
    expect(res.rows).toHaveLength(1);
    const bill = res.bill!;
    expect(bill).toMatchObject({ start: "2026-03-01", end: "2026-04-01", days: 31, daysSoFar: 12 });
    // 11 ended days at 316 c each, projected over 31 days.
    expect(bill.projectedNetCents).toBeCloseTo(316 * 31, 6);
    expect(bill.actualCents).toBe(9000);
    expect(bill.differenceCents).toBeCloseTo(9000 - 316 * 31, 6);
  });

  it("refuses a bad range", async () => {
    const s = await homeSystem();
    await expect(getCosts({ systemId: s.id, period: "day", from: D2, to: D1, nowMs: NOW })).rejects.toThrow(/after/);
    await expect(getCosts({ systemId: s.id, period: "month", intervals: true, nowMs: NOW })).rejects.toThrow(
      /intervals=1/,
    );
  });
});

import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { localDay } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { NOW, seedSources, type Sources } from "@/lib/composite/__tests__/fixtures";
import { getEnergyAccounts } from "..";
import type { AccountsRow } from "../types";

// Accounts over data that went through the real pipeline: Selectronic polled against its emulator (full
// capabilities), Enphase-shaped production-only intervals, Amber-shaped grid import only.
let t: TestDb;
let emu: RunningEmulators;
let src: Sources;
const ZONE = "Australia/Melbourne";

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0 });
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
  src = await seedSources(t.db, emu, "owner");
}, 120_000);
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

const inOut = (r: AccountsRow) => {
  const f = r.flows;
  const inflow = f.solar.wh! + f.gridImport.wh! + f.batteryDischarge.wh!;
  const outflow = f.load.wh! + f.gridExport.wh! + f.batteryCharge.wh!;
  return { inflow, outflow };
};

describe("accounts of real pipeline data", () => {
  const yesterday = localDay(NOW - 86_400_000, ZONE);

  it("Selectronic (every flow known): the day balances within 1% and the percentages are given", async () => {
    const res = await getEnergyAccounts({ systemId: src.selectronic, period: "day", from: yesterday, nowMs: NOW });
    const row = res.rows[0];
    for (const f of Object.values(row.flows)) expect(f.wh).not.toBeNull();
    const { inflow, outflow } = inOut(row);
    expect(Math.abs(inflow - outflow) / Math.max(inflow, outflow)).toBeLessThan(0.01);
    expect(row.selfConsumptionPct).not.toBeNull();
    expect(row.selfSufficiencyPct).not.toBeNull();
    // The links add up to their flows.
    const a = row.attribution;
    expect(a.solarToHome! + a.solarToBattery! + a.solarToGrid!).toBeCloseTo(row.flows.solar.wh!, 3);
    expect(a.gridToHome! + a.gridToBattery!).toBeCloseTo(row.flows.gridImport.wh!, 3);
  });

  it("Enphase (production only): solar measured, everything else unknown, no invented percentage", async () => {
    const res = await getEnergyAccounts({ systemId: src.enphase, period: "day", from: yesterday, nowMs: NOW });
    const row = res.rows[0];
    expect(row.flows.solar).toMatchObject({ provenance: "measured", wh: expect.any(Number) });
    for (const f of ["load", "gridImport", "gridExport", "batteryCharge", "batteryDischarge"] as const) {
      expect(row.flows[f].wh).toBeNull();
      expect(row.flows[f].reason).toBeTruthy();
    }
    expect(row.selfConsumptionPct).toBeNull();
    expect(row.selfSufficiencyPct).toBeNull();
  });

  it("Amber (grid import only): import measured, solar and load unknown", async () => {
    const res = await getEnergyAccounts({ systemId: src.amber, period: "month", nowMs: NOW });
    const row = res.rows[0];
    expect(row.flows.gridImport.provenance).toBe("measured");
    expect(row.flows.gridImport.wh).toBeGreaterThan(0);
    expect(row.flows.solar.wh).toBeNull();
    expect(row.flows.load.wh).toBeNull();
  });

  it("the month equals the sum of its days", async () => {
    const days = await getEnergyAccounts({
      systemId: src.selectronic,
      period: "day",
      from: localDay(NOW, ZONE).slice(0, 8) + "01",
      to: localDay(NOW, ZONE),
      nowMs: NOW,
    });
    const month = await getEnergyAccounts({ systemId: src.selectronic, period: "month", nowMs: NOW });
    for (const f of ["solar", "load", "gridImport", "gridExport", "batteryCharge", "batteryDischarge"] as const) {
      const sum = days.rows.reduce((s, r) => s + (r.flows[f].wh ?? 0), 0);
      expect(month.rows[0].flows[f].wh).toBeCloseTo(sum, 6);
    }
  });
});

import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { systems, type System } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { cadences, vendorDataIntervalMs, vendorMaxDataGapMs } from "../cadence";

describe("data cadence behind the freshness marks", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await insertTestUser(t.db, "owner");
  });
  afterAll(() => t.cleanup());

  test.each([
    ["selectronic", 60_000, 60_000],
    ["enphase", 3_600_000, 3_600_000],
    ["solaredge", 300_000, 35 * 60_000],
    ["mondo", 120_000, 120_000],
    ["unknown-vendor", 60_000, 60_000],
  ])("%s delivers data every %i ms, points at most %i ms apart", (vendor, ms, gap) => {
    expect(vendorDataIntervalMs(vendor)).toBe(ms);
    expect(vendorMaxDataGapMs(vendor)).toBe(gap);
  });

  // Perth on 21 June 2026: sunrise ≈ 07:16, sunset ≈ 17:20 (UTC+8); live polling runs 15 min either side.
  const perth = {
    id: 1,
    vendorType: "solaredge",
    vendorSiteId: "1",
    displayTimezone: "Australia/Perth",
    location: { lat: -31.95, lng: 115.86 },
    metadata: null,
  } as unknown as System;
  test.each([
    ["midday", "2026-06-21T12:00:00+08:00", 300_000],
    ["late evening", "2026-06-21T23:00:00+08:00", 1_800_000],
    ["before dawn", "2026-06-21T05:30:00+08:00", 1_800_000],
    // The live window has opened, but the newest data can still be the last night poll's.
    ["just after the live window opens", "2026-06-21T07:20:00+08:00", 1_800_000],
    ["half an hour into the live window", "2026-06-21T07:45:00+08:00", 300_000],
    ["just before the window closes", "2026-06-21T17:30:00+08:00", 300_000],
    ["after the window closes", "2026-06-21T17:50:00+08:00", 1_800_000],
  ])("SolarEdge in Perth, %s (%s): data every %i ms", (_, at, ms) => {
    expect(vendorDataIntervalMs("solaredge", perth, new Date(at))).toBe(ms);
  });

  it("judges a SolarEdge system by its night cadence at night, and a composite of it too", async () => {
    const solarEdge = await insertTestSystem(t.db, { vendorType: "solaredge", zone: "Australia/Perth" });
    await t.db
      .update(systems)
      .set({ location: { lat: -31.95, lng: 115.86 } })
      .where(eq(systems.id, solarEdge));
    const composite = await insertTestSystem(t.db, { vendorType: "composite" });
    await t.db
      .update(systems)
      .set({ metadata: { version: 2, mappings: { solar: [{ systemId: solarEdge, pointId: 1 }] } } })
      .where(eq(systems.id, composite));
    const rows = await t.db.select().from(systems).where(eq(systems.id, composite));
    const at = (iso: string) => cadences(rows, rows, new Date(iso)).then((c) => c.get(composite)?.dataIntervalMs);
    expect(await at("2026-06-21T12:00:00+08:00")).toBe(300_000);
    expect(await at("2026-06-21T23:00:00+08:00")).toBe(1_800_000);
  });

  it("gives a composite the cadence of its slowest source", async () => {
    const fast = await insertTestSystem(t.db, { vendorType: "selectronic" });
    const hourly = await insertTestSystem(t.db, { vendorType: "enphase" });
    const nightly = await insertTestSystem(t.db, { vendorType: "solaredge" });
    const composite = await insertTestSystem(t.db, { vendorType: "composite" });
    await t.db
      .update(systems)
      .set({
        metadata: {
          version: 2,
          mappings: {
            solar: [
              { systemId: fast, pointId: 1 },
              { systemId: hourly, pointId: 1 },
              { systemId: nightly, pointId: 1 },
            ],
          },
        },
      })
      .where(eq(systems.id, composite));
    const rows = await t.db.select().from(systems).where(eq(systems.id, composite));
    // The sources are not passed in: they are looked up.
    const cadence = await cadences(rows);
    expect(cadence.get(composite)).toEqual({ dataIntervalMs: 3_600_000, maxDataGapMs: 3_600_000 });
  });
});

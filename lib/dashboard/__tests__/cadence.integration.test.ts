import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { systems } from "@/lib/db/schema";
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

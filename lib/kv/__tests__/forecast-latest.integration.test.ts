import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { ingestFetchResult } from "@/lib/ingest";
import type { PointDefinition } from "@/lib/vendors/types";
import { getLatest } from "../index";

const PRICE: PointDefinition = {
  originId: "E1",
  originSubId: "price",
  name: "Grid import price",
  type: "bidi",
  subtype: "grid",
  extension: "import",
  metricType: "price",
  unit: "c/kWh",
};

describe("latest values never come from a forecast", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await insertTestUser(t.db, "owner");
  });
  afterAll(() => t.cleanup());

  test.each([
    ["one minute before the boundary", -60_000, 18.25],
    ["two minutes after the boundary", 2 * 60_000, 20.5],
  ])("%s, latest is the current interval's price", async (_label, offsetMs, expected) => {
    const systemId = await insertTestSystem(t.db, { owner: "owner" });
    const base = Date.UTC(2025, 10, 21, 3, 0, 0); // an interval boundary
    const receivedMs = base + offsetMs;
    const intervals = [
      { point: PRICE, intervalEndMs: base, avg: 18.25, last: 18.25, quality: "actual" },
      { point: PRICE, intervalEndMs: base + 300_000, avg: 20.5, last: 20.5, quality: "actual" },
      // Forecasts for the next day: stored for the price chart, never the "now" price.
      ...Array.from({ length: 12 }, (_, i) => ({
        point: PRICE,
        intervalEndMs: base + (i + 2) * 3_600_000,
        avg: 99 + i,
        last: 99 + i,
        quality: "forecast",
      })),
    ].filter((r) => r.intervalEndMs - 300_000 <= receivedMs || r.quality === "forecast");
    await ingestFetchResult(
      { id: systemId, displayTimezone: "Australia/Melbourne" },
      { readings: [], intervals },
      { sessionId: null, receivedMs },
    );
    const realNow = Date.now;
    Date.now = () => receivedMs;
    try {
      const latest = await getLatest(systemId);
      const price = latest.points.find((p) => p.path === "bidi.grid.import/price");
      expect(price?.value).toBe(expected);
      expect(price!.measurementTimeMs - 300_000).toBeLessThanOrEqual(receivedMs);
    } finally {
      Date.now = realNow;
    }
  });
});

import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { catchUpDaily } from "@/lib/aggregation";
import { getSystemAccess } from "@/lib/auth";
import { ingestFetchResult } from "@/lib/ingest";
import type { PointDefinition } from "@/lib/vendors/types";
import { updateSystemSettings } from "../update-system";

const ENERGY: PointDefinition = {
  originId: "solar",
  originSubId: "energy",
  name: "Solar energy",
  type: "source",
  subtype: "solar",
  metricType: "energy",
  unit: "Wh",
};

describe("changing a system's time zone rebuilds its daily rows", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await insertTestUser(t.db, "owner");
  });
  afterAll(() => t.cleanup());

  it("re-buckets the days in the new zone, keeping every Wh", async () => {
    const systemId = await insertTestSystem(t.db, { owner: "owner", zone: "Australia/Melbourne" });
    // 10 Wh in every 5-minute interval from 2025-06-10T00:05Z to 2025-06-12T00:00Z (576 intervals, 5,760 Wh).
    const start = Date.UTC(2025, 5, 10);
    const intervals = Array.from({ length: 576 }, (_, i) => ({
      point: ENERGY,
      intervalEndMs: start + (i + 1) * 300_000,
      delta: 10,
    }));
    await ingestFetchResult(
      { id: systemId, displayTimezone: "Australia/Melbourne" },
      { readings: [], intervals },
      { sessionId: null, receivedMs: start + 2 * 86_400_000 },
    );
    const now = new Date(Date.UTC(2025, 5, 13, 12));
    await catchUpDaily({ now, systemId });
    const daily = async () =>
      (
        await t.db.$client.execute({
          sql: "SELECT day, delta FROM point_readings_agg_1d WHERE system_id = ? ORDER BY day",
          args: [systemId],
        })
      ).rows.map((r) => [String(r.day), Number(r.delta)]);

    // Melbourne is UTC+10 in June: 14 h of data fall on local 10 June, 24 h on the 11th, 10 h on the 12th.
    expect(await daily()).toEqual([
      ["2025-06-10", 1680],
      ["2025-06-11", 2880],
      ["2025-06-12", 1200],
    ]);

    const access = await getSystemAccess(
      { kind: "user", userId: "owner", isPlatformAdmin: false, via: "local" },
      systemId,
    );
    await updateSystemSettings(access!, { displayTimezone: "UTC" }, now);
    expect(await daily()).toEqual([
      ["2025-06-10", 2880],
      ["2025-06-11", 2880],
    ]);
  });
});

/*
 * A pipeline run for the crash tests: ingests a fixed set of readings for several systems hour by hour (the same
 * calls a poll makes), then runs the daily catch-up. Deterministic, so a run killed at any point and run again must
 * leave the same database as a run that was never interrupted. Prints "ingest <hour>" and "daily <system>" as it goes.
 * Usage: DATABASE_URL=file:… tsx --conditions=react-server test/crash/pipeline-child.ts
 */
export const SYSTEMS = 12;
export const HOURS = 60;
export const T0 = Date.UTC(2025, 5, 1, 14); // 00:00 on 2 June in Melbourne
const ZONE = "Australia/Melbourne";

async function main() {
  const { getDb } = await import("../../lib/db/client");
  const { migrate } = await import("../../lib/db/migrate");
  const { ingestFetchResult } = await import("../../lib/ingest");
  const { catchUpDaily } = await import("../../lib/aggregation");
  const { TEST_POINTS } = await import("../helpers/test-vendor");
  const db = getDb();
  await migrate(db.$client);
  for (let id = 1; id <= SYSTEMS; id++) {
    await db.$client.execute({
      sql:
        "INSERT OR IGNORE INTO systems (id, owner_user_id, vendor_type, vendor_site_id, status, display_name, " +
        "timezone_offset_min, display_timezone, created_at, updated_at) VALUES (?, 'owner', 'testvendor', ?, 'active', ?, 600, ?, 0, 0)",
      args: [id, `site-${id}`, `System ${id}`, ZONE],
    });
  }
  for (let hour = 0; hour < HOURS; hour++) {
    for (let id = 1; id <= SYSTEMS; id++) {
      const readings = [];
      for (let m = 1; m <= 60; m++) {
        const ms = T0 + hour * 3_600_000 + m * 60_000;
        const i = hour * 60 + m;
        readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: (id * 37 + i * 13) % 4000 });
        readings.push({ point: TEST_POINTS.solarEnergy, measurementTimeMs: ms, value: 10_000 * id + i * 17.5 });
      }
      const receivedMs = T0 + (hour + 1) * 3_600_000 + 1_000;
      await ingestFetchResult({ id, displayTimezone: ZONE }, { readings }, { sessionId: null, receivedMs });
    }
    console.log(`ingest ${hour}`);
  }
  console.log("daily-start");
  // The catch-up after the last day has ended (it closes the quiet systems and aggregates that day), system by
  // system as the job walks them, so a kill can land between its steps.
  for (let id = 1; id <= SYSTEMS; id++) {
    await catchUpDaily({ now: new Date(T0 + 80 * 3_600_000), systemId: id });
    console.log(`daily ${id}`);
  }
  console.log("done");
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

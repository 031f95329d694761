import { DateTime } from "luxon";
import { createAmberAdapter } from "@/lib/vendors/amber/adapter";
import { appOf, grant } from "@/lib/vendors/enphase/__tests__/helpers";
import { createEnphaseAdapter } from "@/lib/vendors/enphase/adapter";
import type { VendorAdapter } from "@/lib/vendors/types";
import { AMBER_DEMO_SITES, createAmberEmulator } from "@/scripts/emulators/amber/emulator";
import { createEnphaseEmulator } from "@/scripts/emulators/enphase/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { runBackfill, startBackfill } from "..";

// Enphase telemetry (a call per local day) and Amber usage (a call per 7 NEM days) imported from the emulators.
const ZONE = "Australia/Sydney";
const T = DateTime.fromISO("2025-12-20T12:00", { zone: ZONE }).toMillis();
let t: TestDb;
let emu: RunningEmulators;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createEnphaseEmulator(), createAmberEmulator()] });
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  await t.cleanup();
});

interface Case {
  vendor: string;
  adapter: () => VendorAdapter;
  system: () => Promise<{ siteId: string; credentials: Record<string, unknown> }>;
  chunks: number;
  /** The energy point whose three days must be whole (origin id). */
  origin: string;
}

const CASES: Case[] = [
  {
    vendor: "enphase",
    adapter: () => createEnphaseAdapter({ ...appOf(emu), timeoutMs: 5_000 }) as unknown as VendorAdapter,
    system: async () => ({ siteId: "2875301", credentials: (await grant(emu)) as unknown as Record<string, unknown> }),
    chunks: 3,
    origin: "enwh",
  },
  {
    vendor: "amber",
    adapter: () => createAmberAdapter({ baseUrl: emu.urls.amber, timeoutMs: 5_000 }) as unknown as VendorAdapter,
    system: async () => ({
      siteId: AMBER_DEMO_SITES["1001"],
      credentials: { apiKey: "psk_demo_amber_0123456789abcdef" },
    }),
    chunks: 1,
    origin: "E1",
  },
];

it.each(CASES)(
  "imports three days of $vendor history, every value marked backfilled, and a re-run changes nothing",
  async (c) => {
    emu.control.setClock(T);
    const adapter = c.adapter();
    const id = await insertTestSystem(t.db, { vendorType: c.vendor, zone: ZONE, ...(await c.system()) });
    await startBackfill({ id, displayTimezone: ZONE }, "2025-12-17", "owner", T);
    const run = await runBackfill(id, { now: new Date(T), maxChunks: 10, resolveAdapter: () => adapter });
    expect(run).toMatchObject({ status: "done", chunks: c.chunks });
    expect(run.rowsWritten).toBeGreaterThan(0);

    const rows = (
      await t.db.$client.execute({
        sql:
          "SELECT a.data_quality, count(*) AS n FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id " +
          "AND p.id = a.point_id WHERE a.system_id = ? AND p.origin_id = ? AND p.metric_type = 'energy' GROUP BY a.data_quality",
        args: [id, c.origin],
      })
    ).rows.map((r) => ({ ...r }));
    expect(rows).toEqual([{ data_quality: "backfilled", n: 3 * 288 }]);

    await startBackfill({ id, displayTimezone: ZONE }, "2025-12-17", "owner", T);
    const again = await runBackfill(id, { now: new Date(T), maxChunks: 10, resolveAdapter: () => adapter });
    expect(again).toMatchObject({ status: "done", rowsWritten: 0 });
  },
);

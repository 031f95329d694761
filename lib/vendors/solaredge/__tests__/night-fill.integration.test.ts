import { DateTime } from "luxon";
import { pollSystem } from "@/lib/polling";
import type { VendorAdapter } from "@/lib/vendors/types";
import { SOLAREDGE_DEMO_KEY } from "@/scripts/emulators/solaredge/accounts";
import { createSolarEdgeEmulator } from "@/scripts/emulators/solaredge/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createSolarEdgeAdapter } from "../adapter";

// Polled every 30 minutes through the night, the site's 5-minute power rows are whole by the morning: the first
// energy fetch after 06:00 also reads the night's quarter-hour powers (one powerDetails call a day).
const ZONE = "Australia/Perth";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
let t: TestDb;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createSolarEdgeEmulator()] });
  adapter = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 5_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  await t.cleanup();
});

it("fills the night between 30-minute polls from powerDetails, keeping the polled values", async () => {
  const id = await insertTestSystem(t.db, {
    vendorType: "solaredge",
    siteId: "3101",
    zone: ZONE,
    credentials: { apiKey: SOLAREDGE_DEMO_KEY },
  });
  for (let ms = at("2025-12-15T20:00"); ms <= at("2025-12-16T06:30"); ms += 30 * 60_000) {
    emu.control.setClock(ms);
    const r = await pollSystem(id, { now: new Date(ms), force: true, resolveAdapter: () => adapter });
    expect(r.status).toBe("succeeded");
  }
  const rows = (
    await t.db.$client.execute({
      sql:
        "SELECT a.interval_end, a.data_quality FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id " +
        "AND p.id = a.point_id WHERE a.system_id = ? AND p.origin_id = 'LOAD' AND a.interval_end > ? AND a.interval_end <= ? " +
        "ORDER BY a.interval_end",
      args: [id, at("2025-12-15T21:00"), at("2025-12-16T05:00")],
    })
  ).rows.map((r) => ({ endMs: Number(r.interval_end), quality: String(r.data_quality) }));
  expect(rows).toHaveLength(8 * 12);
  for (const r of rows) expect(r.quality).toBe(r.endMs % (30 * 60_000) === 0 ? "good" : "estimated");
});

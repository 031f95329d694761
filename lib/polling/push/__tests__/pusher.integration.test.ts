import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/push/[vendor]/route";
import { resetRateLimits } from "@/lib/rate-limit";
import { rotatePushKey } from "@/lib/polling/push";
import { startFroniusPusher } from "@/scripts/emulators/fronius-pusher";
import { DEMO_SITES, simulator } from "@/scripts/emulators/sim";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";

// The demo pusher against the real route over HTTP: 15 simulated minutes land within 0.5% of the simulator.
const START = Date.parse("2025-12-15T02:00:00Z");
const MIN = 60_000;
let t: TestDb;
let server: Server;
let appUrl: string;

beforeAll(async () => {
  t = await createTestDb();
  resetRateLimits();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: { "content-type": String(req.headers["content-type"] ?? "") },
        body: Buffer.concat(chunks),
      });
      const response = await POST(request, { params: Promise.resolve({ vendor: "fronius" }) });
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  t.cleanup();
});

it("pushes simulated minutes that the route stores in canonical units and signs", async () => {
  const id = await insertTestSystem(t.db, { vendorType: "fronius", siteId: "fronius-demo", credentials: {} });
  const { secret } = (await rotatePushKey(id, "fronius"))!;
  let now = START + 5_000;
  const outcomes: number[] = [];
  const pusher = startFroniusPusher({ appUrl, apiKey: secret, site: "1001", clock: () => now, intervalMs: 3_600_000 });
  await pusher.stop(); // the immediate first push; the rest are driven by hand
  for (let i = 1; i <= 15; i++) {
    now = START + i * MIN + 5_000;
    outcomes.push((await pusher.pushOnce()).status);
  }
  expect(outcomes).toEqual(Array(15).fill(200));
  expect(pusher.failures).toBe(0);

  const site = DEMO_SITES["1001"];
  const rows = async (origin: string) =>
    (
      await t.db.$client.execute({
        sql:
          "SELECT r.measurement_time AS t, r.value FROM point_readings r JOIN point_info p ON p.system_id = r.system_id " +
          "AND p.id = r.point_id WHERE r.system_id = ? AND p.origin_id = ? ORDER BY r.measurement_time",
        args: [id, origin],
      })
    ).rows.map((r) => ({ t: Number(r.t), value: Number(r.value) }));
  const close = (got: number, truth: number) =>
    expect(Math.abs(got - truth)).toBeLessThanOrEqual(Math.max(Math.abs(truth) * 0.005, 0.1));
  for (const r of await rows("batteryW")) close(r.value, simulator.stateAt(site, r.t - MIN).batteryW);
  for (const r of await rows("gridW")) close(r.value, simulator.stateAt(site, r.t - MIN).gridW);
  for (const r of await rows("batterySOC")) close(r.value, simulator.stateAt(site, r.t).socPct);
  expect((await rows("solarW")).length).toBe(16);

  // Interval energies sum per 5 minutes to the simulator's counter differences.
  const agg = await t.db.$client.execute({
    sql:
      "SELECT a.interval_end AS e, a.delta FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id " +
      "AND p.id = a.point_id WHERE a.system_id = ? AND p.origin_id = 'solarWhInterval' AND a.interval_end > ? AND a.interval_end <= ?",
    args: [id, START, START + 15 * MIN],
  });
  expect(agg.rows.length).toBe(3);
  for (const r of agg.rows) close(Number(r.delta), simulator.intervalTruth(site, Number(r.e), 5).energyWh.solarWh);
});

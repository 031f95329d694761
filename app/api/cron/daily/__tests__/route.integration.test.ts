import { getEnv } from "@/lib/env";
import { ingestFetchResult } from "@/lib/ingest";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";
import { GET, POST } from "../route";

let t: TestDb;
let systemId: number;
const dailyRows = async () =>
  Number((await t.db.$client.execute("SELECT COUNT(*) AS n FROM point_readings_agg_1d")).rows[0].n);

async function call(method: "GET" | "POST", query = "", body?: unknown, bearer: string | null = getEnv().CRON_SECRET) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await (method === "GET" ? GET : POST)(
    new Request(`http://localhost/api/cron/daily${query}`, init),
    undefined,
  );
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  systemId = await insertTestSystem(t.db, { zone: "Australia/Melbourne" });
  const { startMs } = dayBounds("2025-03-01", "Australia/Melbourne");
  const readings = [];
  for (let i = 1; i <= 288; i++)
    readings.push({ point: TEST_POINTS.solar, measurementTimeMs: startMs + i * 300_000, value: i });
  await ingestFetchResult(
    { id: systemId, displayTimezone: "Australia/Melbourne" },
    { readings },
    { sessionId: null, receivedMs: 0 },
  );
});
afterAll(() => t.cleanup());

describe("/api/cron/daily", () => {
  it("401 without or with a wrong secret", async () => {
    expect((await call("GET", "", undefined, null)).status).toBe(401);
    expect((await call("GET", "", undefined, "wrong")).status).toBe(401);
  });

  it.each([
    ["an unknown action", "?action=explode", undefined, /action must be catchup, regenerate or clear/],
    ["regenerate without days", "", { action: "regenerate" }, /regenerate needs from and to/],
    ["a malformed day", "", { action: "clear", from: "1/3/2025" }, /YYYY-MM-DD/],
    ["from after to", "", { action: "regenerate", from: "2025-03-02", to: "2025-03-01" }, /from must not be after to/],
  ])("400 for %s, nothing written", async (_n, query, body, message) => {
    const res = await call(body ? "POST" : "GET", query, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await dailyRows()).toBe(0);
  });

  it.each([
    ["an array", [1, 2]],
    ["a number", 5],
    ["a string", "catchup"],
  ])("400 for a body that is %s, not an object, nothing written", async (_n, body) => {
    const res = await call("POST", "", body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/must be a JSON object/);
    expect(await dailyRows()).toBe(0);
  });

  it("checks the secret before the input: a wrong secret with bad input is a 401, not a 400", async () => {
    expect((await call("POST", "?action=explode", [1], "wrong")).status).toBe(401);
    expect((await call("GET", "?action=explode", undefined, null)).status).toBe(401);
  });

  it("415 for a body that is not JSON, 413 for one too large", async () => {
    const headers = { authorization: `Bearer ${getEnv().CRON_SECRET}`, "content-type": "text/plain" };
    const plain = await POST(
      new Request("http://localhost/api/cron/daily", { method: "POST", headers, body: '{"action":"clear"}' }),
      undefined,
    );
    expect(plain.status).toBe(415);
    const big = await call("POST", "", { action: "catchup", pad: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    expect(JSON.stringify(big.body)).not.toContain("xxxxxxxxxx");
    expect(await dailyRows()).toBe(0);
  });

  it("catch-up (default), clear and regenerate", async () => {
    const catchup = await call("GET");
    expect(catchup).toMatchObject({ status: 200, body: { action: "catchup", days: 1, rows: 1 } });
    const clear = await call("POST", "", { action: "clear", systemId });
    expect(clear.body).toMatchObject({ action: "clear", deleted: 1 });
    const regen = await call("POST", `?action=regenerate&from=2025-02-28&to=2025-03-02&systemId=${systemId}`);
    expect(regen.body).toMatchObject({ action: "regenerate", days: 3, rows: 1 });
    const [row] = (await t.db.$client.execute("SELECT * FROM point_readings_agg_1d")).rows;
    expect(row).toMatchObject({ day: "2025-03-01", interval_count: 288, min: 1, max: 288, last: 288 });
  });
});

import { GET } from "@/app/api/me/export/route";
import { ingestFetchResult } from "@/lib/ingest";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, TEST_POINTS } from "@/test/helpers/test-vendor";

let t: TestDb;

/** name → bytes of a ustar archive. */
function untar(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = new TextDecoder();
  for (let at = 0; at + 512 <= bytes.length;) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = text.decode(header.subarray(0, 100)).replace(/\0.*$/s, "");
    const size = parseInt(text.decode(header.subarray(124, 136)).replace(/\0.*$/s, ""), 8);
    out.set(name, text.decode(bytes.subarray(at + 512, at + 512 + size)));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const get = async (query: string, user?: string) => {
  const headers: Record<string, string> = { host: "localhost" };
  if (user) headers.cookie = await localSessionCookie(user);
  return GET(new Request(`http://localhost/api/me/export?${query}`, { headers }), undefined);
};

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());

describe("a person's whole-data archive", () => {
  it("holds the systems they own (settings, points, tariffs, no credentials) and their readings per level", async () => {
    for (const u of ["owner", "other"]) await insertTestUser(t.db, u);
    const mine = await insertTestSystem(t.db, { owner: "owner", siteId: "mine", zone: "UTC" });
    const theirs = await insertTestSystem(t.db, { owner: "other", siteId: "theirs", zone: "UTC" });
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('owner', ?, 'viewer', 0, 0)",
      args: [theirs],
    });
    const start = Date.parse("2026-03-01T00:00:00Z");
    for (const id of [mine, theirs]) {
      const readings = [];
      for (let ms = start + 60_000; ms < start + 86_400_000; ms += 300_000) {
        readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: 100 });
      }
      await ingestFetchResult(
        { id, displayTimezone: "UTC" },
        { readings },
        { sessionId: null, receivedMs: start + 2 * 86_400_000 },
      );
    }

    const res = await get("levels=5m,raw", "owner");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-tar");
    const files = untar(new Uint8Array(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(["account.json", `system-${mine}/5m.csv`, `system-${mine}/raw.csv`]);
    const account = JSON.parse(files.get("account.json")!);
    expect(account.systems.map((s: { id: number }) => s.id)).toEqual([mine]);
    expect(account.systems[0].points.length).toBe(1);
    expect(JSON.stringify(account)).not.toMatch(/credential|apiKey/i);
    expect(files.get(`system-${mine}/5m.csv`)!.trimEnd().split("\r\n").length).toBe(1 + 288);
    expect(files.get(`system-${mine}/raw.csv`)!.trimEnd().split("\r\n").length).toBe(1 + 288);

    expect((await get("levels=hourly", "owner")).status).toBe(400);
    expect((await get("levels=daily")).status).toBe(401);
  });
});

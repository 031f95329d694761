import { localSessionCookie } from "@/test/helpers/auth";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { GET } from "../route";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
let t: TestDb;
let systemId: number;

async function get(query: string, userId?: string) {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = await localSessionCookie(userId);
  const res = await GET(new Request(`http://localhost/api/data/latest${query}`, { headers }), undefined);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDb();
  registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  systemId = await insertTestSystem(t.db, { owner: "owner", alias: "home" });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [systemId],
  });
  await pollSystem(systemId, { now: NOW });
});
afterAll(() => t.cleanup());

describe("GET /api/data/latest", () => {
  it.each([
    ["owner by id", "owner", `?systemId=SYSTEM`, 200],
    ["owner by alias", "owner", "?systemId=home", 200],
    ["viewer", "viewer", `?systemId=SYSTEM`, 200],
    ["stranger (no existence leak)", "stranger", `?systemId=SYSTEM`, 404],
    ["anonymous", undefined, `?systemId=SYSTEM`, 401],
    ["missing systemId", "owner", "", 400],
    ["malformed systemId", "owner", "?systemId=a;b", 400],
  ])("%s → %i", async (_name, user, query, status) => {
    const res = await get(query.replace("SYSTEM", String(systemId)), user);
    expect(res.status).toBe(status);
    if (status === 200) {
      // The test vendor declares no cadence: one minute.
      expect(res.body).toMatchObject({ systemId, source: "db", lastUpdateMs: NOW.getTime(), dataIntervalMs: 60_000 });
      expect(res.body.points).toHaveLength(5);
    } else {
      expect(res.body.error.message).toEqual(expect.any(String));
    }
  });
});

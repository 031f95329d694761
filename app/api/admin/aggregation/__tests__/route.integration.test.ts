import { createTestDb, type TestDb } from "@/test/helpers/db";
import { localSessionCookie } from "@/test/helpers/auth";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { POST } from "../route";

let t: TestDb;
let systemId: number;

async function regenerate(body: unknown) {
  const headers = { "content-type": "application/json", cookie: await localSessionCookie("admin") };
  const res = await POST(
    new Request("http://localhost/api/admin/aggregation", { method: "POST", headers, body: JSON.stringify(body) }),
    undefined,
  );
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDb();
  await insertTestUser(t.db, "admin", { admin: true });
  systemId = await insertTestSystem(t.db);
});
afterAll(() => t.cleanup());

describe("/api/admin/aggregation", () => {
  it("404 for a system that does not exist, instead of a 200 with 0 rows", async () => {
    const res = await regenerate({ systemId: 987654, from: "2025-03-01", to: "2025-03-01" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("There is no system 987654");
  });

  it("200 for a system that exists", async () => {
    const res = await regenerate({ systemId, from: "2025-03-01", to: "2025-03-01" });
    expect(res.status).toBe(200);
  });
});

import { randomBytes } from "node:crypto";
import { Webhook } from "svix";
import { POST } from "@/app/api/auth/clerk/webhook/route";
import { getUserById } from "@/lib/db/queries/users";
import { resetEnv } from "@/lib/env";
import { createInvitation, grantDirectly } from "@/lib/sharing";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createTestDb, type TestDb } from "@/test/helpers/db";

const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
let testDb: TestDb;

function signed(body: unknown, opts: { secret?: string; at?: Date } = {}): Request {
  const payload = JSON.stringify(body);
  const id = `msg_${randomBytes(6).toString("hex")}`;
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, at, payload);
  return new Request("http://localhost:3000/api/auth/clerk/webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": signature,
    },
    body: payload,
  });
}

const userEvent = (type: string, data: Record<string, unknown>) => ({ type, object: "event", data });
const created = userEvent("user.created", {
  id: "user_abc",
  username: "carol",
  first_name: "Carol",
  last_name: "Jones",
  primary_email_address_id: "e2",
  email_addresses: [
    { id: "e1", email_address: "old@example.com" },
    { id: "e2", email_address: "carol@example.com" },
  ],
});

beforeAll(async () => {
  testDb = await createTestDb();
  process.env.CLERK_WEBHOOK_SECRET = SECRET;
  resetEnv();
});
afterAll(() => {
  delete process.env.CLERK_WEBHOOK_SECRET;
  resetEnv();
  testDb.cleanup();
});

describe("Clerk webhook", () => {
  it("upserts the user on user.created and user.updated", async () => {
    const res = await POST(signed(created), undefined);
    expect(res.status).toBe(200);
    expect(await getUserById("user_abc")).toMatchObject({
      displayName: "Carol Jones",
      username: "carol",
      email: "carol@example.com",
      isPlatformAdmin: false,
    });
    const updated = userEvent("user.updated", { ...created.data, username: "carolj", first_name: "Caroline" });
    expect((await POST(signed(updated), undefined)).status).toBe(200);
    expect(await getUserById("user_abc")).toMatchObject({ displayName: "Caroline Jones", username: "carolj" });
  });

  it.each([
    ["another secret", () => signed(created, { secret: `whsec_${randomBytes(24).toString("base64")}` })],
    ["a stale timestamp", () => signed(created, { at: new Date(Date.now() - 3600_000) })],
    ["no signature", () => new Request("http://localhost/api/auth/clerk/webhook", { method: "POST", body: "{}" })],
  ])("rejects %s with 401 and changes nothing", async (_name, make) => {
    const res = await POST(make(), undefined);
    expect(res.status).toBe(401);
  });

  it("rejects a body changed after signing", async () => {
    const req = signed(created);
    const tampered = new Request(req.url, {
      method: "POST",
      headers: req.headers,
      body: JSON.stringify(userEvent("user.deleted", { id: "user_abc" })),
    });
    expect((await POST(tampered, undefined)).status).toBe(401);
  });

  it("on user.deleted removes grants and invitations and disables owned systems", async () => {
    const other = await insertTestSystem(testDb.db, { owner: "someone" });
    const own = await insertTestSystem(testDb.db, { owner: "user_abc" });
    await grantDirectly({ id: other, ownerUserId: "someone" }, "carolj", "viewer");
    await createInvitation({
      system: { id: own, ownerUserId: "user_abc" },
      invitedBy: "user_abc",
      handle: "x@example.com",
      role: "viewer",
    });
    const res = await POST(signed(userEvent("user.deleted", { id: "user_abc", deleted: true })), undefined);
    expect(await res.json()).toMatchObject({
      handled: "user.deleted",
      grantsRemoved: 1,
      invitationsRevoked: 1,
      systemsDisabled: [own],
    });
    const status = await testDb.db.$client.execute({ sql: "SELECT status FROM systems WHERE id = ?", args: [own] });
    expect(status.rows[0].status).toBe("disabled");
    const grants = await testDb.db.$client.execute("SELECT count(*) AS n FROM user_systems WHERE user_id = 'user_abc'");
    expect(Number(grants.rows[0].n)).toBe(0);
  });

  it("answers 404 when no webhook secret is configured", async () => {
    delete process.env.CLERK_WEBHOOK_SECRET;
    resetEnv();
    try {
      expect((await POST(signed(created), undefined)).status).toBe(404);
    } finally {
      process.env.CLERK_WEBHOOK_SECRET = SECRET;
      resetEnv();
    }
  });
});

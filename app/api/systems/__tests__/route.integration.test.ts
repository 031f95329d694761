import { decryptJson, hashSecret } from "@/lib/crypto/secrets";
import { call, counts } from "@/lib/systems/__tests__/request";
import {
  PUSH_VENDOR,
  registerSetupVendors,
  RIGHT_PASSWORD,
  SETUP_VENDOR,
} from "@/lib/systems/__tests__/fake-setup-vendor";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { GET, POST } from "../route";

let t: TestDb;
let vendor: ReturnType<typeof registerSetupVendors>;
const credentials = { email: "me@example.com", password: RIGHT_PASSWORD };
const input = (over: Record<string, unknown> = {}) => ({
  vendorType: SETUP_VENDOR,
  vendorSiteId: "A1",
  displayName: "Home",
  alias: "home",
  displayTimezone: "Australia/Adelaide",
  credentials,
  ...over,
});
const create = (body: unknown, user: string | null = "owner", extra = {}) =>
  call(POST, "/api/systems", undefined, { method: "POST", user: user ?? undefined, body, ...extra });
const row = async (id: number) =>
  (await t.db.$client.execute({ sql: "SELECT * FROM systems WHERE id = ?", args: [id] })).rows[0];

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerSetupVendors();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "other", "viewer"]) await insertTestUser(t.db, u);
});
afterAll(() => t.cleanup());

describe("POST /api/systems", () => {
  it.each([
    ["anonymous", 401, null, input()],
    ["cross-site", 403, "owner", input(), { crossSite: true }],
    ["malformed JSON", 400, "owner", undefined, { rawBody: "{nope" }],
    ["bad time zone", 400, "owner", input({ displayTimezone: "Mars/Olympus" })],
    ["bad alias", 400, "owner", input({ alias: "my home" })],
    ["digits-only alias", 400, "owner", input({ alias: "123" })],
    ["empty name", 400, "owner", input({ displayName: "  " })],
    ["a NUL in the name", 400, "owner", input({ displayName: "Home\u0000 hidden" })],
    ["a line break in the name", 400, "owner", input({ displayName: "Home\nSecond line" })],
    ["missing credentials field", 400, "owner", input({ credentials: { email: "me@example.com" } })],
    ["unknown vendor", 400, "owner", input({ vendorType: "nope" })],
    ["no site chosen", 400, "owner", input({ vendorSiteId: undefined })],
    ["site not in the account", 400, "owner", input({ vendorSiteId: "Z9" })],
    ["wrong password", 400, "owner", input({ credentials: { ...credentials, password: "bad" } })],
  ])("%s → %i, nothing written", async (_name, status, user, body, extra: Record<string, unknown> = {}) => {
    const before = await counts(t.db);
    const res = await create(body, user as string | null, extra);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain(RIGHT_PASSWORD);
    expect(await counts(t.db)).toEqual(before);
  });

  it("creates the system, its polling status and encrypted credentials; the first one is the default", async () => {
    vendor.calls.length = 0;
    const res = await create(input());
    expect(res.status).toBe(201);
    expect(res.body.system).toMatchObject({
      displayName: "Home",
      alias: "home",
      vendorType: SETUP_VENDOR,
      status: "active",
      displayTimezone: "Australia/Adelaide",
      isDefault: true,
      role: "owner",
      lastSuccessMs: null,
    });
    expect(res.body.push).toBeUndefined();
    expect(vendor.calls).toEqual([{ siteId: "A1" }]); // credentials re-checked with the vendor
    const id = res.body.system.id;
    const sys = await row(id);
    expect(sys).toMatchObject({ timezone_offset_min: 570, model: "SP PRO", serial: "SN-1", vendor_site_id: "A1" });
    const creds = (
      await t.db.$client.execute({ sql: "SELECT * FROM vendor_credentials WHERE system_id = ?", args: [id] })
    ).rows[0];
    expect(String(creds.credentials)).not.toContain(RIGHT_PASSWORD);
    expect(decryptJson(String(creds.credentials))).toEqual(credentials);
    expect(decryptJson(String(creds.state))).toEqual({ cookie: "session-cookie" });
    const poll = await t.db.$client.execute({ sql: "SELECT * FROM polling_status WHERE system_id = ?", args: [id] });
    expect(poll.rows).toHaveLength(1);
  });

  it("a second system is not the default; the same alias or the same site again is a 409 with a message", async () => {
    const before = await counts(t.db);
    const dupAlias = await create(input({ vendorSiteId: "B2" }));
    expect(dupAlias.status).toBe(409);
    expect(dupAlias.body.error.message).toMatch(/alias “home” is already used/);
    const dupSite = await create(input({ alias: "again" }));
    expect(dupSite.status).toBe(409);
    expect(dupSite.body.error.message).toMatch(/already added this site as “Home”/);
    expect(await counts(t.db)).toEqual(before);

    const second = await create(input({ vendorSiteId: "B2", alias: "beta", displayName: "Beta" }));
    expect(second.status).toBe(201);
    expect(second.body.system.isDefault).toBe(false);
    // Aliases are per owner: another user may use "home".
    const other = await create(input({ vendorSiteId: "A1" }), "other");
    expect(other.status).toBe(201);
    expect(other.body.system.isDefault).toBe(true);
  });

  it("push vendors get a push URL and secret once; only its hash is stored", async () => {
    const res = await create({ vendorType: PUSH_VENDOR, displayName: "Shed", displayTimezone: "UTC", credentials: {} });
    expect(res.status).toBe(201);
    expect(res.body.push.url).toBe(`http://localhost:3000/api/push/${PUSH_VENDOR}`);
    const secret: string = res.body.push.secret;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    const sys = await row(res.body.system.id);
    expect(JSON.parse(String(sys.metadata)).pushKeyHash).toBe(hashSecret(secret));
    const dump = await t.db.$client.execute("SELECT * FROM systems");
    expect(JSON.stringify(dump.rows)).not.toContain(secret);
  });
});

describe("GET /api/systems", () => {
  it("401 anonymous; otherwise the caller's own and shared systems", async () => {
    expect((await call(GET, "/api/systems", undefined)).status).toBe(401);
    const shared = await insertTestSystem(t.db, { owner: "other" });
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
      args: [shared],
    });
    const viewer = await call(GET, "/api/systems", undefined, { user: "viewer" });
    expect(viewer.body.systems).toEqual([expect.objectContaining({ id: shared, role: "viewer" })]);
    const owner = await call(GET, "/api/systems", undefined, { user: "owner" });
    expect(owner.body.systems.map((s: { displayName: string }) => s.displayName).sort()).toEqual([
      "Beta",
      "Home",
      "Shed",
    ]);
  });
});

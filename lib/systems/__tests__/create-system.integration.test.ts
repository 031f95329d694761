import { decryptJson } from "@/lib/crypto/secrets";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { createSystem, registerCreateHook, removeSystem, unregisterCreateHook } from "..";
import { PUSH_VENDOR, registerSetupVendors, RIGHT_PASSWORD, SETUP_VENDOR } from "./fake-setup-vendor";
import { counts } from "./request";

let t: TestDb;
const credentials = { email: "me@example.com", password: RIGHT_PASSWORD };
const input = (over: Record<string, unknown> = {}) => ({
  vendorType: SETUP_VENDOR,
  vendorSiteId: "A1",
  displayName: "Home",
  alias: "home",
  displayTimezone: "Australia/Melbourne",
  credentials,
  ...over,
});

beforeAll(async () => {
  t = await createTestDb();
  registerSetupVendors();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

describe("createSystem", () => {
  it("writes nothing when any statement of the create fails (one transaction)", async () => {
    await t.db.$client.execute(
      "CREATE TRIGGER fail_creds BEFORE INSERT ON vendor_credentials BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const before = await counts(t.db);
    await expect(createSystem("owner", input())).rejects.toThrow(/disk full/);
    expect(await counts(t.db)).toEqual(before);
    await t.db.$client.execute("DROP TRIGGER fail_creds");
  });

  it("brings a removed site back with the same id, new settings and fresh credentials", async () => {
    const first = await createSystem("owner", input());
    const { getSystemAccess } = await import("@/lib/auth");
    const access = await getSystemAccess(
      { kind: "user", userId: "owner", isPlatformAdmin: false, via: "local" },
      first.system.id,
    );
    await removeSystem(access!);
    const again = await createSystem(
      "owner",
      input({ displayName: "Home again", alias: "home", displayTimezone: "UTC" }),
    );
    expect(again.system).toMatchObject({
      id: first.system.id,
      displayName: "Home again",
      status: "active",
      isDefault: true,
    });
    const row = (await t.db.$client.execute({ sql: "SELECT * FROM systems WHERE id = ?", args: [first.system.id] }))
      .rows[0];
    expect(row).toMatchObject({ timezone_offset_min: 0, alias: "home" });
    expect(row.metadata).toBeNull();
    const creds = await t.db.$client.execute({
      sql: "SELECT credentials FROM vendor_credentials WHERE system_id = ?",
      args: [first.system.id],
    });
    expect(decryptJson(String(creds.rows[0].credentials))).toEqual(credentials);
  });

  it("leaves the setup connection test as the new system's first session (cause USER, secrets scrubbed)", async () => {
    const created = await createSystem("owner", input({ vendorSiteId: "B2", alias: "second" }));
    const rows = (
      await t.db.$client.execute({ sql: "SELECT * FROM sessions WHERE system_id = ?", args: [created.system.id] })
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      cause: "USER",
      vendor_type: SETUP_VENDOR,
      successful: 1,
      session_label: "connection test",
      num_rows: 0,
    });
    expect(Number(rows[0].duration)).toBeGreaterThanOrEqual(0);
    expect(String(rows[0].response)).not.toContain(RIGHT_PASSWORD);
  });

  it("uses a vendor's registered create hook instead of the push default", async () => {
    registerCreateHook(PUSH_VENDOR, () => ({ metadata: { custom: true }, push: { url: "u", secret: "s" } }));
    try {
      const res = await createSystem("owner", {
        vendorType: PUSH_VENDOR,
        displayName: "Shed",
        displayTimezone: "UTC",
        credentials: {},
      });
      expect(res.push).toEqual({ url: "u", secret: "s" });
      const row = (
        await t.db.$client.execute({ sql: "SELECT metadata FROM systems WHERE id = ?", args: [res.system.id] })
      ).rows[0];
      expect(JSON.parse(String(row.metadata))).toEqual({ custom: true });
    } finally {
      unregisterCreateHook(PUSH_VENDOR);
    }
  });
});

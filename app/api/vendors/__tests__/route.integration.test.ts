import { call } from "@/lib/systems/__tests__/request";
import { PUSH_VENDOR, registerSetupVendors, SETUP_VENDOR } from "@/lib/systems/__tests__/fake-setup-vendor";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET } from "../route";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  registerSetupVendors();
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

describe("GET /api/vendors", () => {
  it("401 for anonymous callers", async () => {
    expect((await call(GET, "/api/vendors", undefined)).status).toBe(401);
  });

  it("lists each vendor's mode and credential fields, and never a secret or schema", async () => {
    const res = await call(GET, "/api/vendors", undefined, { user: "owner" });
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(res.body.vendors.map((v: { vendorType: string }) => [v.vendorType, v]));
    expect(byType.selectronic).toMatchObject({ mode: "poll", supportsOAuth: false, canTestConnection: true });
    expect(byType[SETUP_VENDOR].credentialFields).toEqual([
      { name: "email", label: "Email", type: "email", placeholder: "you@example.com" },
      { name: "password", label: "Password", type: "password" },
    ]);
    expect(byType[PUSH_VENDOR]).toMatchObject({ mode: "push", canTestConnection: false, credentialFields: [] });
    // Only descriptive keys: no schema internals, no adapter functions, no configuration values.
    const keys = new Set(res.body.vendors.flatMap((v: object) => Object.keys(v)));
    expect([...keys].sort()).toEqual([
      "canTestConnection",
      "capabilities",
      "credentialFields",
      "description",
      "displayName",
      "mode",
      "supportsOAuth",
      "vendorType",
    ]);
    const fieldKeys = new Set(
      res.body.vendors.flatMap((v: { credentialFields: object[] }) =>
        v.credentialFields.flatMap((f) => Object.keys(f)),
      ),
    );
    expect([...fieldKeys].every((k) => ["name", "label", "type", "placeholder", "help"].includes(String(k)))).toBe(
      true,
    );
  });
});

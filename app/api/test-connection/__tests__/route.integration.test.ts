import { resetRateLimits } from "@/lib/rate-limit";
import { call, counts } from "@/lib/systems/__tests__/request";
import { registerSetupVendors, RIGHT_PASSWORD, SETUP_VENDOR } from "@/lib/systems/__tests__/fake-setup-vendor";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { POST } from "../route";

let t: TestDb;
const good = { email: "me@example.com", password: RIGHT_PASSWORD };
const test = (body: unknown, user: string | null = "owner", extra = {}) =>
  call(POST, "/api/test-connection", undefined, { method: "POST", user: user ?? undefined, body, ...extra });

beforeAll(async () => {
  t = await createTestDb();
  registerSetupVendors();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  for (const u of ["owner", "busy"]) await insertTestUser(t.db, u);
});
beforeEach(() => resetRateLimits());
afterAll(() => t.cleanup());

describe("POST /api/test-connection", () => {
  it("shows sites, the tested site's info and latest values in display form, and never the credentials", async () => {
    const before = await counts(t.db);
    const res = await test({ vendorType: SETUP_VENDOR, credentials: good, vendorSiteId: "A1" });
    expect(res.status).toBe(200);
    expect(res.body.sites.map((s: { vendorSiteId: string }) => s.vendorSiteId)).toEqual(["A1", "B2"]);
    expect(res.body.testedSiteId).toBe("A1");
    expect(res.body.systemInfo).toMatchObject({ model: "SP PRO", timezone: "Australia/Sydney" });
    expect(res.body.latest).toEqual([
      expect.objectContaining({ path: "bidi.battery/power", unit: "W", value: -500 }),
      expect.objectContaining({ path: "source.solar/power", unit: "W", value: 1234 }),
    ]);
    const json = JSON.stringify(res.body);
    expect(json).not.toContain(RIGHT_PASSWORD);
    expect(json).not.toContain("session-cookie");
    expect(json).not.toContain("vendor-token");
    expect(await counts(t.db)).toEqual(before);
  });

  it.each([
    ["anonymous", 401, null, { vendorType: SETUP_VENDOR, credentials: good }, /sign in/i],
    ["unknown vendor", 400, "owner", { vendorType: "nope", credentials: good }, /Unknown vendor/],
    ["missing fields", 400, "owner", { vendorType: SETUP_VENDOR, credentials: {} }, /email.*password/s],
    [
      "bad email",
      400,
      "owner",
      { vendorType: SETUP_VENDOR, credentials: { ...good, email: "x" } },
      /email: Enter an email/,
    ],
    ["extra keys", 400, "owner", { vendorType: SETUP_VENDOR, credentials: good, junk: 1 }, /junk/],
    [
      "wrong password",
      400,
      "owner",
      { vendorType: SETUP_VENDOR, credentials: { ...good, password: "no" } },
      /Wrong email or password/,
    ],
    [
      "vendor maintenance",
      502,
      "owner",
      { vendorType: SETUP_VENDOR, credentials: { ...good, email: "maintenance@x.io" } },
      /maintenance/,
    ],
    [
      "vendor throttling",
      429,
      "owner",
      { vendorType: SETUP_VENDOR, credentials: { ...good, email: "throttled@x.io" } },
      /Slow down/,
    ],
    [
      "network failure",
      502,
      "owner",
      { vendorType: SETUP_VENDOR, credentials: { ...good, email: "crash@x.io" } },
      /Could not reach Setup Fake/,
    ],
  ])("%s → %i with a message, nothing written", async (_name, status, user, body, message) => {
    const before = await counts(t.db);
    const res = await test(body, user);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(RIGHT_PASSWORD);
    expect(await counts(t.db)).toEqual(before);
  });

  it("gives the vendor's error code in details", async () => {
    const res = await test({ vendorType: SETUP_VENDOR, credentials: { ...good, password: "no" } });
    expect(res.body.error.details).toMatchObject({ vendorCode: "AUTH_FAILED" });
  });

  it("refuses cross-site requests", async () => {
    const res = await test({ vendorType: SETUP_VENDOR, credentials: good }, "owner", { crossSite: true });
    expect(res.status).toBe(403);
  });

  it("rate-limits each user to 10 tests a minute with a 429 message", async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await test({ vendorType: SETUP_VENDOR, credentials: good }, "busy")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await test({ vendorType: SETUP_VENDOR, credentials: good }, "busy");
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Too many connection tests; try again in \d+ s/);
    expect((await test({ vendorType: SETUP_VENDOR, credentials: good }, "owner")).status).toBe(200);
  });
});

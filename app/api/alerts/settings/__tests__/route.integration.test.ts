import { call } from "@/lib/systems/__tests__/request";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET, PUT } from "../route";

let t: TestDb;
const path = "/api/alerts/settings";
const noCtx = {} as never;

beforeAll(async () => {
  t = await createTestDb();
  for (const u of ["quiet", "other"]) await insertTestUser(t.db, u);
});
afterAll(() => t.cleanup());

describe("a person's quiet hours", () => {
  it("start unset, are set in the person's zone, are theirs alone, and are cleared with nulls", async () => {
    expect((await call(GET, path, noCtx, { user: "quiet" })).body).toEqual({
      quietStart: null,
      quietEnd: null,
      timezone: "UTC",
    });
    const body = { quietStart: "22:30", quietEnd: "07:00", timezone: "Europe/London" };
    const put = await call(PUT, path, noCtx, { method: "PUT", user: "quiet", body });
    expect(put).toEqual({ status: 200, body });
    expect((await call(GET, path, noCtx, { user: "quiet" })).body).toEqual(body);
    expect((await call(GET, path, noCtx, { user: "other" })).body).toMatchObject({ quietStart: null });
    const rows = await t.db.$client.execute("SELECT quiet_start_min, quiet_end_min FROM alert_user_settings");
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ quiet_start_min: 22 * 60 + 30, quiet_end_min: 7 * 60 }]);
    const off = await call(PUT, path, noCtx, {
      method: "PUT",
      user: "quiet",
      body: { quietStart: null, quietEnd: null, timezone: "Europe/London" },
    });
    expect(off.body).toEqual({ quietStart: null, quietEnd: null, timezone: "Europe/London" });
  });

  it.each([
    ["an empty body", {}, /quietStart/],
    ["a time that is not HH:MM", { quietStart: "10pm", quietEnd: "07:00" }, /HH:MM/],
    ["25 o'clock", { quietStart: "25:00", quietEnd: "07:00" }, /HH:MM/],
    ["a start without an end", { quietStart: "22:00", quietEnd: null }, /both quietStart and quietEnd/],
    ["an unknown zone", { quietStart: "22:00", quietEnd: "07:00", timezone: "Mars/Olympus" }, /IANA time zone/],
    ["an unknown field", { quietStart: null, quietEnd: null, email: "x@y" }, /Unrecognized key/],
  ])("refuses %s with a 400 and writes nothing", async (_what, body, says) => {
    const before = await t.db.$client.execute("SELECT count(*) AS n FROM alert_user_settings");
    const res = await call(PUT, path, noCtx, { method: "PUT", user: "other", body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(says);
    const after = await t.db.$client.execute("SELECT count(*) AS n FROM alert_user_settings");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("asks who is calling", async () => {
    expect((await call(GET, path, noCtx)).status).toBe(401);
  });
});

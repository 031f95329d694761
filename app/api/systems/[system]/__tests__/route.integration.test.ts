import { call, counts, params } from "@/lib/systems/__tests__/request";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { DELETE, GET, PATCH } from "../route";

let t: TestDb;
let home: number;
let beach: number;
const ctx = (ref: string | number) => params({ system: String(ref) });
const patch = (ref: string | number, body: unknown, user?: string) =>
  call(PATCH, `/api/systems/${ref}`, ctx(ref), { method: "PATCH", user, body });
const sys = async (id: number) =>
  (await t.db.$client.execute({ sql: "SELECT * FROM systems WHERE id = ?", args: [id] })).rows[0];

async function grant(user: string, systemId: number, role: string) {
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
    args: [user, systemId, role],
  });
}

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "sysadmin", "viewer", "stranger"]) await insertTestUser(t.db, u);
  await insertTestUser(t.db, "platform", { admin: true });
  home = await insertTestSystem(t.db, { owner: "owner", alias: "home" });
  beach = await insertTestSystem(t.db, { owner: "owner", alias: "beach" });
  await t.db.$client.execute({ sql: "UPDATE systems SET is_default = 1 WHERE id = ?", args: [home] });
  await grant("sysadmin", home, "admin");
  await grant("viewer", home, "viewer");
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]", () => {
  it.each([
    ["owner by alias", "owner", "home", 200],
    ["system admin", "sysadmin", "ID", 200],
    ["viewer", "viewer", "ID", 200],
    ["stranger", "stranger", "ID", 404],
    ["anonymous", undefined, "ID", 401],
    ["bad ref", "owner", "a;b", 400],
  ])("%s (as %s)", async (_n, user, ref, status) => {
    const r = ref === "ID" ? String(home) : ref;
    const res = await call(GET, `/api/systems/${r}`, ctx(r), { user });
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body).toMatchObject({ id: home, alias: "home", canWrite: user !== "viewer" });
  });
});

describe("PATCH /api/systems/[system]", () => {
  it.each([
    ["viewer", "viewer", { displayName: "X" }, 403],
    ["stranger", "stranger", { displayName: "X" }, 404],
    ["anonymous", undefined, { displayName: "X" }, 401],
    ["empty patch", "owner", {}, 400],
    ["bad alias", "owner", { alias: "has space" }, 400],
    ["bad zone", "owner", { displayTimezone: "Nowhere/Town" }, 400],
    ["removed via PATCH", "owner", { status: "removed" }, 400],
    ["unknown field", "owner", { ownerUserId: "stranger" }, 400],
    ["alias of another own system", "owner", { alias: "beach" }, 409],
    ["system admin moving the default", "sysadmin", { isDefault: true }, 403],
  ])("%s (as %s): refused, nothing changed", async (_n, user, body, status) => {
    const before = await sys(home);
    const res = await patch(home, body, user);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await sys(home)).toEqual(before);
  });

  it("a system admin renames, re-aliases, changes the zone (offset recomputed) and pauses polling", async () => {
    const res = await patch(
      home,
      { displayName: "Our house", alias: "house", displayTimezone: "Asia/Kolkata", status: "disabled" },
      "sysadmin",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: "Our house", alias: "house", status: "disabled", role: "admin" });
    expect(await sys(home)).toMatchObject({ display_timezone: "Asia/Kolkata", timezone_offset_min: 330 });
    // The old alias no longer resolves; the new one does.
    expect((await call(GET, "/api/systems/home", ctx("home"), { user: "owner" })).status).toBe(404);
    expect((await call(GET, "/api/systems/house", ctx("house"), { user: "owner" })).status).toBe(200);
    const back = await patch("house", { status: "active", alias: null }, "owner");
    expect(back.body).toMatchObject({ status: "active", alias: null });
  });

  it("the owner moves the default: the previous default is cleared in the same change", async () => {
    const res = await patch(beach, { isDefault: true }, "owner");
    expect(res.status).toBe(200);
    expect(res.body.isDefault).toBe(true);
    expect(Number((await sys(home)).is_default)).toBe(0);
    expect(Number((await sys(beach)).is_default)).toBe(1);
  });
});

describe("DELETE /api/systems/[system]", () => {
  it.each([
    ["viewer", "viewer", 403],
    ["system admin", "sysadmin", 403],
    ["stranger", "stranger", 404],
    ["anonymous", undefined, 401],
  ])("%s (as %s): refused, nothing removed", async (_n, user, status) => {
    const before = await counts(t.db);
    const res = await call(DELETE, `/api/systems/${home}`, ctx(home), { method: "DELETE", user });
    expect(res.status).toBe(status);
    expect((await sys(home)).status).toBe("active");
    expect(await counts(t.db)).toEqual(before);
  });

  it("the owner removes a system: status removed, alias freed, credentials deleted, no longer visible", async () => {
    await patch(beach, { alias: "beach" }, "owner");
    const res = await call(DELETE, `/api/systems/${beach}`, ctx(beach), { method: "DELETE", user: "owner" });
    expect(res.status).toBe(200);
    expect(await sys(beach)).toMatchObject({ status: "removed", alias: null, is_default: 0 });
    expect(JSON.parse(String((await sys(beach)).metadata))).toMatchObject({ removedAlias: "beach" });
    const creds = await t.db.$client.execute({
      sql: "SELECT 1 FROM vendor_credentials WHERE system_id = ?",
      args: [beach],
    });
    expect(creds.rows).toHaveLength(0);
    expect((await call(GET, `/api/systems/${beach}`, ctx(beach), { user: "owner" })).status).toBe(404);
    // The alias is free again for another system of the owner.
    expect((await patch(home, { alias: "beach" }, "owner")).status).toBe(200);
  });
});

import { ingestFetchResult } from "@/lib/ingest";
import { call, params } from "@/lib/systems/__tests__/request";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { defaultReadings, insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { GET } from "../route";
import { PATCH } from "../[pointId]/route";

let t: TestDb;
let systemId: number;
const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const list = (user?: string) =>
  call(GET, `/api/systems/${systemId}/points`, params({ system: String(systemId) }), { user });
const edit = (pointId: number | string, body: unknown, user?: string) =>
  call(
    PATCH,
    `/api/systems/${systemId}/points/${pointId}`,
    params({ system: String(systemId), pointId: String(pointId) }),
    {
      method: "PATCH",
      user,
      body,
    },
  );
const pointRow = async (id: number) =>
  (await t.db.$client.execute({ sql: "SELECT * FROM point_info WHERE system_id = ? AND id = ?", args: [systemId, id] }))
    .rows[0];
const ingest = (nowMs: number) =>
  ingestFetchResult(
    { id: systemId, displayTimezone: "Australia/Melbourne" },
    { readings: defaultReadings(nowMs) },
    {
      sessionId: null,
      receivedMs: nowMs,
    },
  );

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "sysadmin", "viewer", "stranger"]) await insertTestUser(t.db, u);
  systemId = await insertTestSystem(t.db, { owner: "owner" });
  for (const [u, role] of [
    ["sysadmin", "admin"],
    ["viewer", "viewer"],
  ]) {
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
      args: [u, systemId, role],
    });
  }
  await ingest(NOW); // creates the points lazily, as a poll would
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]/points", () => {
  it.each([
    ["viewer", "viewer", 200],
    ["stranger", "stranger", 404],
    ["anonymous", undefined, 401],
  ])("%s (as %s)", async (_n, user, status) => {
    expect((await list(user)).status).toBe(status);
  });

  it("lists every point with path, unit, flags and transform", async () => {
    const res = await list("owner");
    expect(res.body.points).toHaveLength(5);
    expect(res.body.points[0]).toMatchObject({
      id: 1,
      path: "source.solar/power",
      unit: "W",
      active: true,
      transform: null,
    });
    expect(res.body.points.find((p: { originId: string }) => p.originId === "battery")).toMatchObject({
      transform: "i",
    });
    expect(res.body.points.find((p: { originId: string }) => p.originId === "status")).toMatchObject({ path: null });
  });
});

describe("PATCH /api/systems/[system]/points/[pointId]", () => {
  it.each([
    ["viewer", "viewer", 1, { displayName: "X" }, 403],
    ["stranger", "stranger", 1, { displayName: "X" }, 404],
    ["anonymous", undefined, 1, { displayName: "X" }, 401],
    ["unknown point", "owner", 99, { displayName: "X" }, 404],
    ["point id not a number", "owner", "abc", { displayName: "X" }, 400],
    ["bad type", "owner", 1, { type: "sink" }, 400],
    ["bad segment", "owner", 1, { subtype: "Solar Panels" }, 400],
    ["bad alias", "owner", 1, { alias: "a-b" }, 400],
    ["bad transform", "owner", 1, { transform: "x" }, 400],
    ["active not boolean", "owner", 1, { active: "no" }, 400],
    ["unknown field", "owner", 1, { metricUnit: "kW" }, 400],
    ["extension without subtype", "owner", 1, { subtype: null, extension: "roof" }, 400],
    ["empty", "owner", 1, {}, 400],
  ])("%s (as %s): refused, nothing changed", async (_n, user, pointId, body, status) => {
    const before = await pointRow(1);
    const res = await edit(pointId, body, user);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await pointRow(1)).toEqual(before);
  });

  it("a system admin edits a point; the alias is unique per system", async () => {
    const res = await edit(
      1,
      { displayName: "Roof panels", alias: "roof", subsystem: "solar", extension: "roof", transform: "" },
      "sysadmin",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: "Roof panels",
      alias: "roof",
      path: "source.solar.roof/power",
      transform: null,
    });
    const clash = await edit(2, { alias: "roof" }, "owner");
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/already used by “Roof panels”/);
  });

  it("edits survive later polls of the same origin points (ingest never overwrites point_info)", async () => {
    await edit(
      2,
      {
        displayName: "House battery",
        type: "bidi",
        subtype: "battery",
        extension: "main",
        active: false,
        transform: null,
      },
      "owner",
    );
    const before = await list("owner");
    const result = await ingest(NOW + 60_000);
    expect(result.pointsCreated).toBe(0);
    expect(result.readingsInserted).toBe(5);
    const after = await list("owner");
    expect(after.body.points).toEqual(before.body.points);
    expect(after.body.points[1]).toMatchObject({
      displayName: "House battery",
      path: "bidi.battery.main/power",
      active: false,
      transform: null,
    });
    expect(after.body.points[0]).toMatchObject({ displayName: "Roof panels", alias: "roof" });
  });
});

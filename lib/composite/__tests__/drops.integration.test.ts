import type { UserCaller } from "@/lib/auth/types";
import type { SystemAccess } from "@/lib/auth/types";
import { resetEnv } from "@/lib/env";
import { getLatest, resetKv } from "@/lib/kv";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { startUpstashBridge, type UpstashBridge } from "@/test/helpers/upstash-bridge";
import {
  compositesUsing,
  createComposite,
  getCompositeDetail,
  rebuildSubscriptions,
  updateComposite,
  type CompositeLatestResponse,
  type CreateCompositeInput,
} from "..";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const user = (userId: string): UserCaller => ({ kind: "user", userId, isPlatformAdmin: false, via: "local" });
const owner = user("owner");
// Test-vendor point ids: 1 solar (W), 2 battery (W), 3 SoC, 4 solar energy counter, 5 status (text).
const SOLAR = 1;
const SOC = 3;
let t: TestDb;
let mine: number;
let mine2: number;
let friends: number;
let strangers: number;
let nested: number;

async function systemCount(): Promise<number> {
  return Number((await t.db.$client.execute("SELECT COUNT(*) AS n FROM systems")).rows[0].n);
}

const input = (mappings: CreateCompositeInput["mappings"], extra: Partial<CreateCompositeInput> = {}) => ({
  displayName: "Composite",
  displayTimezone: "Australia/Melbourne",
  mappings,
  ...extra,
});

beforeAll(async () => {
  t = await createTestDb();
  registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "friend", "stranger"]) await insertTestUser(t.db, u);
  // Ids far from other suites', so this suite's registry keys in the shared test Redis are its own.
  await t.db.$client.execute(
    "INSERT INTO systems (id, owner_user_id, vendor_type, vendor_site_id, display_name, timezone_offset_min, " +
      "display_timezone, created_at, updated_at) VALUES (880000, 'nobody', 'x', 'x', 'x', 0, 'UTC', 0, 0)",
  );
  mine = await insertTestSystem(t.db, { owner: "owner" });
  mine2 = await insertTestSystem(t.db, { owner: "owner" });
  friends = await insertTestSystem(t.db, { owner: "friend" });
  strangers = await insertTestSystem(t.db, { owner: "stranger" });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('owner', ?, 'viewer', 0, 0)",
    args: [friends],
  });
  for (const id of [mine, mine2, friends, strangers]) await pollSystem(id, { now: NOW });
  nested = (await createComposite(owner, input({ solar: [{ systemId: mine, pointId: SOLAR }] }))).id;
});
afterAll(() => t.cleanup());

describe("validation (400, nothing written)", () => {
  it.each([
    [
      "nesting",
      () => ({ solar: [{ systemId: nested, pointId: 1 }] }),
      /composites cannot be sources of other composites/,
    ],
    [
      "unreadable system",
      () => ({ solar: [{ systemId: strangers, pointId: SOLAR }] }),
      /does not exist or is not readable/,
    ],
    ["unknown system", () => ({ solar: [{ systemId: 999_999, pointId: SOLAR }] }), /does not exist or is not readable/],
    ["unknown point", () => ({ solar: [{ systemId: mine, pointId: 99 }] }), /Point 99 of .* does not exist/],
    [
      "wrong category",
      () => ({ solar: [{ systemId: mine, pointId: SOC }] }),
      /is bidi.battery\/soc, which is not a solar point/,
    ],
    [
      "duplicate",
      () => ({ solar: [{ systemId: mine, pointId: SOLAR }], pool: [{ systemId: mine, pointId: SOLAR }] }),
      /already mapped at mappings.solar\[0\]/,
    ],
    ["empty", () => ({}), /Map at least one point/],
  ])("%s", async (_name, mappings, message) => {
    const before = await systemCount();
    await expect(createComposite(owner, input(mappings()))).rejects.toMatchObject({ status: 400, message });
    expect(await systemCount()).toBe(before);
  });

  it("refuses a capacity for a point that is not a mapped SoC, and a bad zone", async () => {
    const mappings = { solar: [{ systemId: mine, pointId: SOLAR }] };
    await expect(
      createComposite(owner, input(mappings, { capacities: { [`${mine}:${SOLAR}`]: 5000 } })),
    ).rejects.toMatchObject({ status: 400, message: /not a mapped battery SoC point/ });
    await expect(createComposite(owner, input(mappings, { displayTimezone: "Mars/Base" }))).rejects.toMatchObject({
      status: 400,
    });
  });

  it("an editor cannot map a point only the owner may read (the composite would leak it)", async () => {
    const access = {
      system: { id: nested, alias: null },
      caller: user("friend"),
      role: "admin",
    } as unknown as SystemAccess;
    await expect(
      updateComposite(access, { mappings: { solar: [{ systemId: mine2, pointId: SOLAR }] } }),
    ).rejects.toMatchObject({ status: 400, message: /not readable by you and the owner/ });
  });
});

describe("dropped sources", () => {
  it("a revoked or removed source and a switched-off point drop out visibly, never silently", async () => {
    const c = await createComposite(
      owner,
      input(
        {
          solar: [
            { systemId: mine, pointId: SOLAR },
            { systemId: mine2, pointId: SOLAR },
            { systemId: friends, pointId: SOLAR },
          ],
          battery: [
            { systemId: mine, pointId: SOC },
            { systemId: mine2, pointId: SOC },
          ],
        },
        { capacities: { [`${mine}:${SOC}`]: 10_000, [`${mine2}:${SOC}`]: 5_000 } },
      ),
    );
    const solar = async () =>
      ((await getLatest(c.id)) as CompositeLatestResponse).points.find((p) => p.path === "source.solar/power")!;
    const one = (await getLatest(mine)).points.find((p) => p.pointId === SOLAR)!.value!;
    expect((await solar()).value).toBe(3 * one); // all three test-vendor sources report the same value
    const soc = ((await getLatest(c.id)) as CompositeLatestResponse).points.find((p) => p.path === "bidi.battery/soc")!;
    expect(soc.displayName).toBe("Battery SoC (capacity-weighted)");

    await t.db.$client.execute({ sql: "DELETE FROM user_systems WHERE system_id = ?", args: [friends] });
    await t.db.$client.execute({ sql: "UPDATE systems SET status = 'removed' WHERE id = ?", args: [mine2] });
    await t.db.$client.execute({
      sql: "UPDATE point_info SET active = 0 WHERE system_id = ? AND id = ?",
      args: [mine, SOC],
    });

    const latest = (await getLatest(c.id)) as CompositeLatestResponse;
    expect((await solar()).value).toBe(one);
    expect(latest.points.find((p) => p.path === "bidi.battery/soc")).toBeUndefined();
    expect(latest.composite.sources).toEqual([
      expect.objectContaining({ systemId: mine, status: "ok" }),
      expect.objectContaining({ systemId: mine2, status: "dropped", reason: "removed" }),
      expect.objectContaining({ systemId: friends, status: "dropped", reason: "access_revoked" }),
    ]);
    expect(latest.composite.droppedPoints).toEqual([
      expect.objectContaining({ systemId: mine, pointId: SOC, reason: "point_inactive" }),
    ]);

    const access = { system: { id: c.id }, caller: owner, role: "owner" } as unknown as SystemAccess;
    const detail = await getCompositeDetail(access);
    expect(detail.mappings.solar.map((m) => [m.systemId, m.status, m.reason])).toEqual([
      [mine, "ok", undefined],
      [mine2, "dropped", "removed"],
      [friends, "dropped", "access_revoked"],
    ]);
    expect(detail.metadata.capacities).toEqual({ [`${mine}:${SOC}`]: 10_000, [`${mine2}:${SOC}`]: 5_000 });
    await t.db.$client.execute({
      sql: "UPDATE point_info SET active = 1 WHERE system_id = ? AND id = ?",
      args: [mine, SOC],
    });
  });
});

describe("subscription registry", () => {
  let bridge: UpstashBridge;
  const keys = () => [mine, mine2, friends].map((id) => `test:subscriptions:system:${id}`);
  beforeAll(async () => {
    bridge = await startUpstashBridge();
  });
  afterAll(async () => {
    await bridge.redis.del(keys());
    await bridge.close();
    for (const k of ["KV_REST_API_URL", "KV_REST_API_TOKEN", "KV_NAMESPACE"]) delete process.env[k];
    resetEnv();
    resetKv();
  });

  it("answers from the database without Redis, and from the rebuilt KV registry with it", async () => {
    const fromDb = await compositesUsing(mine);
    expect(fromDb.length).toBe(2);
    process.env.KV_REST_API_URL = bridge.url;
    process.env.KV_REST_API_TOKEN = bridge.token;
    process.env.KV_NAMESPACE = "test";
    resetEnv();
    resetKv();
    await bridge.redis.del(keys());
    expect(await rebuildSubscriptions()).toBe(true);
    expect((await bridge.redis.sMembers(`test:subscriptions:system:${mine}`)).map(Number).sort()).toEqual(fromDb);
    expect(await compositesUsing(mine)).toEqual(fromDb);

    // A mapping change rebuilds the entries of the old and the new sources (the friend's grant is back).
    const access = { system: { id: nested, alias: null }, caller: owner, role: "owner" } as unknown as SystemAccess;
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('owner', ?, 'viewer', 0, 0)",
      args: [friends],
    });
    await updateComposite(access, { mappings: { solar: [{ systemId: friends, pointId: SOLAR }] } });
    expect(await bridge.redis.sMembers(`test:subscriptions:system:${friends}`)).toContain(String(nested));
    expect(await bridge.redis.sMembers(`test:subscriptions:system:${mine}`)).not.toContain(String(nested));
  });
});

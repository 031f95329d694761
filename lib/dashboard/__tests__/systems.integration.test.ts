import { createTestDb, type TestDb } from "@/test/helpers/db";
import { pollingStatus, systems, userSystems, users } from "@/lib/db/schema";
import type { SystemSummary } from "@/lib/api/contracts";
import { listVisibleSystems, pickDefaultSystem, resolveDashboardSystem, systemHref } from "../systems";
import type { UserCaller } from "@/lib/auth";

const NOW = 1_750_000_000_000;
const user = (userId: string, isPlatformAdmin = false): UserCaller => ({
  kind: "user",
  userId,
  isPlatformAdmin,
  via: "local",
});
const alice = user("alice");
const bob = user("bob");
const carol = user("carol");
const root = user("root", true);

function system(id: number, owner: string, name: string, extra: Partial<typeof systems.$inferInsert> = {}) {
  return {
    id,
    ownerUserId: owner,
    vendorType: "selectronic",
    vendorSiteId: `site-${id}`,
    displayName: name,
    timezoneOffsetMin: 600,
    displayTimezone: "Australia/Melbourne",
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

describe("dashboard system loaders", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.insert(users).values(
      ["alice", "bob", "carol", "root"].map((id) => ({
        id,
        displayName: id,
        isPlatformAdmin: id === "root",
        createdAt: NOW,
        updatedAt: NOW,
      })),
    );
    await t.db
      .insert(systems)
      .values([
        system(1, "alice", "Home", { alias: "home" }),
        system(2, "alice", "Beach house", { alias: "beach", isDefault: true }),
        system(3, "alice", "Old shed", { status: "removed" }),
        system(4, "bob", "Bob's place", { alias: "home" }),
        system(5, "bob", "Bob's farm", { status: "disabled" }),
        system(6, "carol", "Carol's flat"),
      ]);
    await t.db.insert(userSystems).values([
      { userId: "alice", systemId: 4, role: "viewer", createdAt: NOW, updatedAt: NOW },
      { userId: "carol", systemId: 1, role: "admin", createdAt: NOW, updatedAt: NOW },
      { userId: "carol", systemId: 3, role: "viewer", createdAt: NOW, updatedAt: NOW },
    ]);
    await t.db.insert(pollingStatus).values([
      { systemId: 1, lastSuccessTime: NOW - 60_000, updatedAt: NOW },
      { systemId: 2, lastSuccessTime: null, updatedAt: NOW },
    ]);
  });
  afterAll(() => t.cleanup());

  const brief = (list: SystemSummary[]) => list.map((s) => [s.id, s.role, s.isDefault]);

  test.each<[string, UserCaller, Array<[number, string, boolean]>]>([
    [
      "owner sees own then shared, never removed",
      alice,
      [
        [2, "owner", true],
        [1, "owner", false],
        [4, "viewer", false],
      ],
    ],
    [
      "owner of a disabled system still sees it",
      bob,
      [
        [5, "owner", false],
        [4, "owner", false],
      ],
    ],
    [
      "shared admin grant, removed share hidden",
      carol,
      [
        [6, "owner", false],
        [1, "admin", false],
      ],
    ],
    [
      "platform admin sees every non-removed system",
      root,
      [
        [2, "platform-admin", false],
        [5, "platform-admin", false],
        [4, "platform-admin", false],
        [6, "platform-admin", false],
        [1, "platform-admin", false],
      ],
    ],
    ["a stranger sees nothing", user("nobody"), []],
  ])("%s", async (_name, who, expected) => {
    expect(brief(await listVisibleSystems(who))).toEqual(expected);
  });

  test("summaries carry the last successful poll and the display zone", async () => {
    const list = await listVisibleSystems(alice);
    const home = list.find((s) => s.id === 1)!;
    expect(home).toMatchObject({ lastSuccessMs: NOW - 60_000, displayTimezone: "Australia/Melbourne", alias: "home" });
    expect(list.find((s) => s.id === 2)!.lastSuccessMs).toBeNull();
    expect(list.find((s) => s.id === 4)!.lastSuccessMs).toBeNull();
  });

  test("pickDefaultSystem: the user's default, else the first, else null", async () => {
    expect(pickDefaultSystem(await listVisibleSystems(alice))?.id).toBe(2);
    expect(pickDefaultSystem(await listVisibleSystems(carol))?.id).toBe(6);
    expect(pickDefaultSystem([])).toBeNull();
  });

  test("systemHref uses an alias only when it resolves uniquely for the user", async () => {
    const list = await listVisibleSystems(alice);
    const href = (id: number) =>
      systemHref(
        list.find((s) => s.id === id)!,
        list,
      );
    // alice owns "home" (1) and views bob's "home" (4): both fall back to ids.
    expect([href(1), href(2), href(4)]).toEqual(["/dashboard/1", "/dashboard/beach", "/dashboard/4"]);
    const adminList = await listVisibleSystems(root);
    expect(
      systemHref(
        adminList.find((s) => s.id === 2)!,
        adminList,
      ),
    ).toBe("/dashboard/2");
  });

  test.each<[string, UserCaller, string, number | null]>([
    ["owner by alias", alice, "beach", 2],
    ["owner by id", alice, "1", 1],
    ["viewer by id", alice, "4", 4],
    ["stranger by id", carol, "2", null],
    ["removed system for its owner", alice, "3", null],
    ["removed shared system", carol, "3", null],
    ["unknown alias", alice, "nope", null],
    ["unknown id", alice, "999", null],
    ["platform admin by id, even removed", root, "3", 3],
  ])("resolveDashboardSystem: %s", async (_name, who, ref, expected) => {
    const resolved = await resolveDashboardSystem(who, ref);
    expect(resolved?.current.id ?? null).toBe(expected);
  });

  test("resolveDashboardSystem reports the role and freshness of the resolved system", async () => {
    expect((await resolveDashboardSystem(carol, "1"))?.current).toMatchObject({
      role: "admin",
      lastSuccessMs: NOW - 60_000,
    });
    expect((await resolveDashboardSystem(root, "6"))?.current.role).toBe("platform-admin");
  });
});

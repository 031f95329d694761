import { ApiError } from "@/lib/api/errors";
import { seedDemoUsers } from "@/lib/auth/demo-users";
import { requireAdmin, requireAuth, requireCronOrAdmin, requireSystemAccess } from "@/lib/auth/require";
import type { AccessLevel } from "@/lib/auth/types";
import { upsertUser } from "@/lib/db/queries/users";
import { systems, userSystems, type SystemRole } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";

type Who = "anonymous" | "stranger" | "viewer" | "sysadmin" | "owner" | "platform" | "cron" | "wrong-cron";
const USER_IDS: Partial<Record<Who, string>> = {
  stranger: "local-stranger",
  viewer: "local-viewer",
  sysadmin: "local-sysadmin",
  owner: "local-owner",
  platform: "local-admin",
};

let testDb: TestDb;
const ids: Record<"home" | "beach" | "strangers" | "removed", number> = { home: 0, beach: 0, strangers: 0, removed: 0 };

async function addSystem(owner: string, alias: string, status: "active" | "removed" = "active"): Promise<number> {
  const now = Date.now();
  const [row] = await testDb.db
    .insert(systems)
    .values({
      ownerUserId: owner,
      vendorType: "selectronic",
      vendorSiteId: `${owner}-${alias}`,
      displayName: alias,
      alias,
      status,
      timezoneOffsetMin: 600,
      displayTimezone: "Australia/Brisbane",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: systems.id });
  return row.id;
}

async function grant(userId: string, systemId: number, role: SystemRole) {
  const now = Date.now();
  await testDb.db.insert(userSystems).values({ userId, systemId, role, createdAt: now, updatedAt: now });
}

beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemoUsers(testDb.db);
  await upsertUser({ id: "local-stranger", displayName: "Sam Stranger" }, testDb.db);
  await upsertUser({ id: "local-sysadmin", displayName: "Ada Sysadmin" }, testDb.db);
  ids.home = await addSystem("local-owner", "home");
  ids.beach = await addSystem("local-owner", "beach");
  // The stranger uses the same alias for their own system: aliases resolve per user.
  ids.strangers = await addSystem("local-stranger", "home");
  ids.removed = await addSystem("local-owner", "old", "removed");
  await grant("local-viewer", ids.home, "viewer");
  await grant("local-sysadmin", ids.home, "admin");
  await grant("local-viewer", ids.removed, "viewer");
});
afterAll(() => testDb.cleanup());

async function requestAs(who: Who): Promise<Request> {
  const headers = new Headers();
  const userId = USER_IDS[who];
  if (userId) headers.set("cookie", await localSessionCookie(userId));
  if (who === "cron") headers.set("authorization", `Bearer ${getEnv().CRON_SECRET}`);
  if (who === "wrong-cron") headers.set("authorization", "Bearer not-the-cron-secret");
  return new Request("http://localhost:3000/api/x", { headers });
}

/** The HTTP status an auth check ends in: 200 when it returns, else the ApiError's status. */
async function statusOf(check: Promise<unknown>): Promise<number> {
  try {
    await check;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

describe("requireAuth / requireAdmin / requireCronOrAdmin", () => {
  test.each<[Who, number, number, number]>([
    // who,          auth, admin, cronOrAdmin
    ["anonymous", 401, 401, 401],
    ["stranger", 200, 403, 403],
    ["viewer", 200, 403, 403],
    ["sysadmin", 200, 403, 403],
    ["owner", 200, 403, 403],
    ["platform", 200, 200, 200],
    ["cron", 401, 401, 200],
    ["wrong-cron", 401, 401, 401],
  ])("%s → auth %d, admin %d, cron-or-admin %d", async (who, auth, admin, cron) => {
    expect(await statusOf(requireAuth(await requestAs(who)))).toBe(auth);
    expect(await statusOf(requireAdmin(await requestAs(who)))).toBe(admin);
    expect(await statusOf(requireCronOrAdmin(await requestAs(who)))).toBe(cron);
  });

  test("the cron caller and the user caller have their documented shapes", async () => {
    expect(await requireCronOrAdmin(await requestAs("cron"))).toEqual({ kind: "cron" });
    expect(await requireAdmin(await requestAs("platform"))).toEqual({
      kind: "user",
      userId: "local-admin",
      isPlatformAdmin: true,
      via: "local",
    });
  });

  test("a valid cookie for a user no longer in the directory is anonymous", async () => {
    const req = new Request("http://localhost/api/x", { headers: { cookie: await localSessionCookie("local-gone") } });
    expect(await statusOf(requireAuth(req))).toBe(401);
  });

  test("a wrong cron token is refused even next to an admin cookie", async () => {
    const req = new Request("http://localhost/api/x", {
      headers: { cookie: await localSessionCookie("local-admin"), authorization: "Bearer wrong" },
    });
    expect(await statusOf(requireCronOrAdmin(req))).toBe(401);
  });

  test("an admin cookie on a cross-site link to a cron route is refused; the cron secret is not affected", async () => {
    const cookie = await localSessionCookie("local-admin");
    const crossSite = new Request("http://localhost/api/cron/cleanup", {
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(await statusOf(requireCronOrAdmin(crossSite))).toBe(403);
    const sameSite = new Request("http://localhost/api/cron/cleanup", {
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(await statusOf(requireCronOrAdmin(sameSite))).toBe(200);
    const cron = new Request("http://localhost/api/cron/poll", {
      headers: { authorization: `Bearer ${getEnv().CRON_SECRET}`, "sec-fetch-site": "cross-site" },
    });
    expect(await statusOf(requireCronOrAdmin(cron))).toBe(200);
  });
});

describe("requireSystemAccess", () => {
  const levels: AccessLevel[] = ["read", "write", "owner"];
  // Expected statuses for [read, write, owner] on the owner's "home" system (by numeric id).
  test.each<[Who, [number, number, number], string | null]>([
    ["anonymous", [401, 401, 401], null],
    ["cron", [401, 401, 401], null],
    ["wrong-cron", [401, 401, 401], null],
    ["stranger", [404, 404, 404], null],
    ["viewer", [200, 403, 403], "viewer"],
    ["sysadmin", [200, 200, 403], "admin"],
    ["owner", [200, 200, 200], "owner"],
    ["platform", [200, 200, 200], "platform-admin"],
  ])("%s on a system by id → %p", async (who, expected, role) => {
    for (const [i, level] of levels.entries()) {
      expect([level, await statusOf(requireSystemAccess(await requestAs(who), ids.home, level))]).toEqual([
        level,
        expected[i],
      ]);
    }
    // Numeric ids also arrive as strings from URLs.
    if (role) {
      const access = await requireSystemAccess(await requestAs(who), String(ids.home), "read");
      expect(access.role).toBe(role);
      expect(access.system.id).toBe(ids.home);
    }
  });

  test.each<[Who, string, "home" | "beach" | "strangers" | null]>([
    ["owner", "home", "home"],
    ["owner", "beach", "beach"],
    ["viewer", "home", "home"],
    ["viewer", "beach", null],
    ["sysadmin", "home", "home"],
    ["stranger", "home", "strangers"],
    ["stranger", "beach", null],
    // Alias lookups only search the caller's own and shared systems, platform admins included.
    ["platform", "home", null],
    ["owner", "nope", null],
  ])("%s asking for alias %p gets %p", async (who, alias, expected) => {
    const check = requireSystemAccess(await requestAs(who), alias, "read");
    if (expected === null) {
      expect(await statusOf(check)).toBe(404);
    } else {
      expect((await check).system.id).toBe(ids[expected]);
    }
  });

  test("an unknown id is 404 for everyone, platform admins included, with the same message as a forbidden one", async () => {
    for (const who of ["owner", "platform"] as const) {
      expect(await statusOf(requireSystemAccess(await requestAs(who), 999_999))).toBe(404);
    }
    const unknown = await requireSystemAccess(await requestAs("stranger"), 999_999).catch((e: ApiError) => e.message);
    const forbidden = await requireSystemAccess(await requestAs("stranger"), ids.home).catch(
      (e: ApiError) => e.message,
    );
    expect(unknown).toBe(forbidden);
  });

  test("a removed system is gone for its owner and viewers but visible to platform admins", async () => {
    expect(await statusOf(requireSystemAccess(await requestAs("owner"), ids.removed))).toBe(404);
    expect(await statusOf(requireSystemAccess(await requestAs("viewer"), ids.removed))).toBe(404);
    expect(await statusOf(requireSystemAccess(await requestAs("platform"), ids.removed, "owner"))).toBe(200);
  });
});

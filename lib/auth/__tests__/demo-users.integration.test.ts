import { DEMO_USERS, seedDemoUsers } from "@/lib/auth/demo-users";
import { listSignInChoices } from "@/lib/auth/local-sign-in";
import { ensureUser, findUserByHandle, getUsersByIds, listUsers, upsertUser } from "@/lib/db/queries/users";
import { createTestDb, type TestDb } from "@/test/helpers/db";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.cleanup());

describe("demo users and the user directory", () => {
  test("seedDemoUsers is idempotent and restores the demo roles", async () => {
    await seedDemoUsers(testDb.db);
    await upsertUser({ id: "local-admin", displayName: "Renamed", isPlatformAdmin: false }, testDb.db);
    await seedDemoUsers(testDb.db);
    const rows = await listUsers();
    expect(rows.map((u) => [u.id, u.username, u.isPlatformAdmin])).toEqual([
      ["local-admin", "admin", true],
      ["local-owner", "owner", false],
      ["local-viewer", "viewer", false],
    ]);
    expect(rows[0].displayName).toBe(DEMO_USERS[0].displayName);
  });

  test("the sign-in list shows demo users first (admin, owner, viewer), then everyone else", async () => {
    await upsertUser({ id: "local-aaron", displayName: "Aaron Another", username: "aaron" }, testDb.db);
    const choices = await listSignInChoices();
    expect(choices.map((c) => c.id)).toEqual(["local-admin", "local-owner", "local-viewer", "local-aaron"]);
    expect(choices[0]).toMatchObject({ isPlatformAdmin: true, description: expect.stringContaining("Platform admin") });
    expect(choices[3].description).toBeUndefined();
  });

  test("ensureUser never steals another user's username and never grants admin", async () => {
    const user = await ensureUser({ id: "user_clerk1", username: "admin", displayName: "Imposter" });
    expect(user).toMatchObject({ id: "user_clerk1", username: null, displayName: "Imposter", isPlatformAdmin: false });
    expect((await findUserByHandle("ADMIN"))?.id).toBe("local-admin");
    expect((await findUserByHandle("owner@example.com"))?.id).toBe("local-owner");
    expect(await findUserByHandle("  ")).toBeUndefined();
  });

  test("getUsersByIds skips unknown ids and duplicates", async () => {
    const rows = await getUsersByIds(["local-owner", "nobody", "local-owner"]);
    expect(rows.map((u) => u.id)).toEqual(["local-owner"]);
    expect(await getUsersByIds([])).toEqual([]);
  });
});

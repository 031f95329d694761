import { ApiError } from "@/lib/api/errors";
import { getUserFromRequest } from "@/lib/auth/caller";
import { requireAdmin, requireSystemAccess } from "@/lib/auth/require";
import { getUserById, upsertUser } from "@/lib/db/queries/users";
import { systems } from "@/lib/db/schema";
import {
  clerkSessionCookie,
  clerkTestKeys,
  enableClerkMode,
  enableLocalMode,
  generateClerkTestKeys,
  localSessionCookie,
} from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  enableClerkMode();
});
afterAll(() => {
  enableLocalMode();
  testDb.cleanup();
});

const sign = (opts: Parameters<ReturnType<typeof clerkTestKeys>["signClerkSessionToken"]>[0]) =>
  clerkTestKeys().signClerkSessionToken(opts);
const withCookie = (cookie: string) => new Request("http://localhost:3000/api/x", { headers: { cookie } });
const withBearer = (token: string) =>
  new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${token}` } });

describe("Clerk mode: getUserFromRequest", () => {
  test("accepts a valid token from the __session cookie and records the user on first sight", async () => {
    const token = await sign({ userId: "user_2abc", claims: { fullName: "Casey Clerk", username: "casey" } });
    expect(await getUserFromRequest(withCookie(clerkSessionCookie(token)))).toEqual({
      kind: "user",
      userId: "user_2abc",
      isPlatformAdmin: false,
      via: "clerk",
    });
    const row = await getUserById("user_2abc");
    expect(row).toMatchObject({ displayName: "Casey Clerk", username: "casey", isPlatformAdmin: false });
  });

  test("refreshes names on later sight and falls back to the id when no name claims exist", async () => {
    await getUserFromRequest(withBearer(await sign({ userId: "user_2abc", claims: { fullName: "Casey C." } })));
    expect((await getUserById("user_2abc"))?.displayName).toBe("Casey C.");
    await getUserFromRequest(withBearer(await sign({ userId: "user_plain" })));
    expect((await getUserById("user_plain"))?.displayName).toBe("user_plain");
  });

  test("accepts a bearer token and a suffixed __session cookie", async () => {
    const token = await sign({ userId: "user_bearer" });
    expect((await getUserFromRequest(withBearer(token)))?.userId).toBe("user_bearer");
    expect((await getUserFromRequest(withCookie(`__session_Abc123=${token}`)))?.userId).toBe("user_bearer");
  });

  test.each<[string, () => Promise<Request>]>([
    ["missing", async () => new Request("http://localhost:3000/api/x")],
    ["expired", async () => withCookie(clerkSessionCookie(await sign({ userId: "user_x", expiresInS: -120 })))],
    [
      "signed with another key",
      async () => withBearer(await generateClerkTestKeys().signClerkSessionToken({ userId: "user_x" })),
    ],
    [
      "signed with another key under the same kid",
      async () =>
        withBearer(await generateClerkTestKeys(clerkTestKeys().kid).signClerkSessionToken({ userId: "user_x" })),
    ],
    ["garbage", async () => withBearer("not.a.jwt")],
    ["a local session cookie", async () => withCookie(await localSessionCookie("user_x"))],
  ])("rejects a %s token", async (_label, make) => {
    expect(await getUserFromRequest(await make())).toBeNull();
    expect(await getUserById("user_x")).toBeUndefined();
  });
});

describe("Clerk mode: platform admins", () => {
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: ApiError) => e.status,
    );

  test("metadata.isPlatformAdmin: true in the token makes a platform admin", async () => {
    const token = await sign({ userId: "user_meta_admin", metadata: { isPlatformAdmin: true } });
    expect(await status(requireAdmin(withBearer(token)))).toBe(200);
    // The claim is not copied into the database: revoking it in Clerk revokes admin.
    expect((await getUserById("user_meta_admin"))?.isPlatformAdmin).toBe(false);
  });

  test.each([{ isPlatformAdmin: "true" }, { isPlatformAdmin: false }, { role: "admin" }])(
    "metadata %p is not admin",
    async (metadata) => {
      expect(await status(requireAdmin(withBearer(await sign({ userId: "user_meta_no", metadata }))))).toBe(403);
    },
  );

  test("the users-table flag makes a platform admin without the claim", async () => {
    await upsertUser({ id: "user_db_admin", displayName: "Dana DB", isPlatformAdmin: true }, testDb.db);
    expect(await status(requireAdmin(withBearer(await sign({ userId: "user_db_admin" }))))).toBe(200);
  });

  test("system access works for Clerk users like local ones", async () => {
    const now = Date.now();
    const [sys] = await testDb.db
      .insert(systems)
      .values({
        ownerUserId: "user_2abc",
        vendorType: "selectronic",
        vendorSiteId: "1",
        displayName: "Home",
        alias: "home",
        timezoneOffsetMin: 600,
        displayTimezone: "Australia/Brisbane",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const owner = withBearer(await sign({ userId: "user_2abc" }));
    expect((await requireSystemAccess(owner, "home", "owner")).system.id).toBe(sys.id);
    expect(await status(requireSystemAccess(withBearer(await sign({ userId: "user_other" })), sys.id))).toBe(404);
  });
});

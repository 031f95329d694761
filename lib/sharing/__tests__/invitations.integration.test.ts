import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { upsertUser } from "@/lib/db/queries/users";
import { invitations, systems, userSystems } from "@/lib/db/schema";
import { resetEnv } from "@/lib/env";
import {
  createInvitation,
  grantDirectly,
  hashInvitationToken,
  INVITATION_TTL_MS,
  listSystemAccess,
  mintInvitationToken,
  previewInvitation,
  removeUserAccess,
  respondToInvitation,
  revokeAccess,
  revokeInvitation,
} from "@/lib/sharing";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createTestDb, type TestDb } from "@/test/helpers/db";

let testDb: TestDb;
let systemId: number;
const system = () => ({ id: systemId, ownerUserId: "owner" });

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

async function roleOf(userId: string) {
  const [row] = await testDb.db
    .select({ role: userSystems.role })
    .from(userSystems)
    .where(and(eq(userSystems.userId, userId), eq(userSystems.systemId, systemId)));
  return row?.role ?? null;
}

beforeAll(async () => {
  testDb = await createTestDb();
  for (const id of ["owner", "vera", "sam", "newbie"]) {
    await upsertUser({ id, displayName: id, username: id, email: id === "newbie" ? null : `${id}@example.com` });
  }
  systemId = await insertTestSystem(testDb.db, { owner: "owner" });
});
afterAll(() => testDb.cleanup());
beforeEach(async () => {
  await testDb.db.delete(userSystems);
  await testDb.db.delete(invitations);
});

describe("invitations", () => {
  it("accepts once by the invitee, then refuses a replay", async () => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    expect(inv.acceptPath).toBe(`/invite/${inv.token}`);
    const [row] = await testDb.db.select().from(invitations).where(eq(invitations.id, inv.id));
    expect(row.tokenHash).toBe(hashInvitationToken(inv.token));
    expect(JSON.stringify(row)).not.toContain(inv.token);
    expect(await previewInvitation(inv.token, "vera")).toMatchObject({ role: "viewer", systemName: "Test system" });
    expect(await respondToInvitation(inv.token, "vera", "accept")).toEqual({ systemId, role: "viewer" });
    expect(await roleOf("vera")).toBe("viewer");
    expect(await statusOf(respondToInvitation(inv.token, "vera", "accept"))).toBe(409);
    expect(await statusOf(respondToInvitation(inv.token, "vera", "decline"))).toBe(409);
  });

  it("grants once when two accepts race", async () => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "admin" });
    const results = await Promise.all([1, 2, 3].map(() => statusOf(respondToInvitation(inv.token, "vera", "accept"))));
    expect(results.sort()).toEqual([200, 409, 409]);
    expect(await roleOf("vera")).toBe("admin");
  });

  it.each([
    ["tampered signature", (t: string) => t.slice(0, -2) + (t.endsWith("AA") ? "BB" : "AA")],
    ["tampered expiry", (t: string) => t.replace(/^inv1\.[0-9a-z]+/, "inv1.zzzzzzzz")],
    ["garbage", () => "inv1.abc.def.ghi"],
    ["empty", () => ""],
  ])("rejects a forged token (%s) with 404 and grants nothing", async (_name, forge) => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    expect(await statusOf(respondToInvitation(forge(inv.token), "vera", "accept"))).toBe(404);
    expect(await roleOf("vera")).toBeNull();
  });

  it("rejects a well-signed token that was never issued, and one signed with another key", async () => {
    expect(await statusOf(respondToInvitation(mintInvitationToken(Date.now() + 1e6), "vera", "accept"))).toBe(404);
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    process.env.ENCRYPTION_KEY = "ff".repeat(32);
    resetEnv();
    try {
      expect(await statusOf(respondToInvitation(inv.token, "vera", "accept"))).toBe(404);
    } finally {
      delete process.env.ENCRYPTION_KEY;
      resetEnv();
    }
  });

  it("refuses an expired invitation", async () => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    const later = Date.now() + INVITATION_TTL_MS + 1;
    expect(await statusOf(respondToInvitation(inv.token, "vera", "accept", later))).toBe(404);
    expect(await roleOf("vera")).toBeNull();
  });

  it("refuses the wrong user with 403 and reveals nothing", async () => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    const err = await respondToInvitation(inv.token, "sam", "accept").catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    expect((err as ApiError).message).not.toContain("Test system");
    expect(await statusOf(previewInvitation(inv.token, "sam"))).toBe(403);
    expect(await statusOf(respondToInvitation(inv.token, "owner", "accept"))).toBe(403);
    // The invitee can still use it afterwards.
    expect(await statusOf(respondToInvitation(inv.token, "vera", "accept"))).toBe(200);
  });

  it("refuses a revoked invitation, and a superseded one", async () => {
    const a = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    await revokeInvitation(systemId, a.id, "owner");
    expect(await statusOf(respondToInvitation(a.token, "vera", "accept"))).toBe(409);
    expect(await statusOf(revokeInvitation(systemId, a.id, "owner"))).toBe(404);
    const b = await createInvitation({
      system: system(),
      invitedBy: "owner",
      handle: "vera@example.com",
      role: "viewer",
    });
    const c = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "admin" });
    expect(await statusOf(respondToInvitation(b.token, "vera", "accept"))).toBe(409);
    expect(await respondToInvitation(c.token, "vera", "accept")).toEqual({ systemId, role: "admin" });
  });

  it("declines without granting", async () => {
    const inv = await createInvitation({ system: system(), invitedBy: "owner", handle: "vera", role: "viewer" });
    expect(await respondToInvitation(inv.token, "vera", "decline")).toEqual({ systemId: null, role: null });
    expect(await roleOf("vera")).toBeNull();
  });

  it("invites an unknown email; whoever signs up with that email can accept", async () => {
    const inv = await createInvitation({
      system: system(),
      invitedBy: "owner",
      handle: "Later@Example.com",
      role: "viewer",
    });
    expect(await statusOf(respondToInvitation(inv.token, "newbie", "accept"))).toBe(403);
    await upsertUser({ id: "later", displayName: "Later", email: "later@example.com" });
    expect(await statusOf(respondToInvitation(inv.token, "later", "accept"))).toBe(200);
    expect(await roleOf("later")).toBe("viewer");
  });

  it("validates the invitee", async () => {
    const make = (handle: string) => createInvitation({ system: system(), invitedBy: "owner", handle, role: "viewer" });
    expect(await statusOf(make("no-such-username"))).toBe(400);
    expect(await statusOf(make("owner"))).toBe(400);
    await grantDirectly(system(), "vera", "viewer");
    expect(await statusOf(make("vera"))).toBe(409);
  });
});

describe("grants", () => {
  it("lists, changes and revokes access", async () => {
    await grantDirectly(system(), "vera", "viewer");
    await createInvitation({ system: system(), invitedBy: "owner", handle: "sam", role: "admin" });
    const list = await listSystemAccess(system());
    expect(list.owner.userId).toBe("owner");
    expect(list.grants.map((g) => [g.userId, g.role])).toEqual([["vera", "viewer"]]);
    expect(list.invitations.map((i) => [i.invitee, i.role])).toEqual([["sam", "admin"]]);
    await revokeAccess(systemId, "vera");
    expect(await roleOf("vera")).toBeNull();
    expect(await statusOf(revokeAccess(systemId, "vera"))).toBe(404);
  });

  it("removes every grant and invitation of a deleted user and disables their systems", async () => {
    const own = await insertTestSystem(testDb.db, { owner: "sam" });
    await createInvitation({
      system: { id: own, ownerUserId: "sam" },
      invitedBy: "sam",
      handle: "vera",
      role: "viewer",
    });
    const inv = await createInvitation({
      system: system(),
      invitedBy: "owner",
      handle: "sam@example.com",
      role: "admin",
    });
    await grantDirectly(system(), "sam", "viewer");
    const result = await removeUserAccess("sam", "sam@example.com");
    expect(result).toEqual({ grantsRemoved: 1, invitationsRevoked: 2, systemsDisabled: [own] });
    const [s] = await testDb.db.select().from(systems).where(eq(systems.id, own));
    expect(s.status).toBe("disabled");
    expect(await statusOf(respondToInvitation(inv.token, "sam", "accept"))).toBe(409);
  });
});

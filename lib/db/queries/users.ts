import "server-only";
import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

export type User = typeof users.$inferSelect;

/** What sign-in knows about a person: the id is required, names are refreshed when they change. */
export interface UserProfile {
  id: string;
  displayName?: string | null;
  username?: string | null;
  email?: string | null;
}

/** One user by id, or undefined. */
export async function getUserById(id: string, db: Db = getDb()): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Users by id (for showing names next to shares, sessions, owners); unknown ids are skipped. */
export async function getUsersByIds(ids: string[], db: Db = getDb()): Promise<User[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
}

/** Finds a user by exact username or email, case-insensitively (sharing a system with someone). */
export async function findUserByHandle(handle: string, db: Db = getDb()): Promise<User | undefined> {
  const h = handle.trim().toLowerCase();
  if (!h) return undefined;
  const [row] = await db
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = ${h}`, sql`lower(${users.email}) = ${h}`))
    .limit(1);
  return row;
}

/** Every user, platform admins first then by name (the local sign-in list and the admin directory). */
export async function listUsers(limit = 200, db: Db = getDb()): Promise<User[]> {
  return db
    .select()
    .from(users)
    .orderBy(desc(users.isPlatformAdmin), asc(users.displayName), asc(users.id))
    .limit(limit);
}

/** Fallback display name when sign-in gave none: the username, the email's local part, or the id. */
function nameFor(profile: UserProfile): string {
  return profile.displayName?.trim() || profile.username?.trim() || profile.email?.split("@")[0] || profile.id;
}

/** True when another user already holds this username (usernames are unique when set). */
async function usernameTaken(username: string, exceptId: string, db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return Boolean(row && row.id !== exceptId);
}

/**
 * Makes sure a user row exists (first sight inserts it) and refreshes names the identity provider sent.
 * Never touches is_platform_admin: that flag is granted in the database, not by sign-in.
 */
export async function ensureUser(profile: UserProfile, db: Db = getDb()): Promise<User> {
  const existing = await getUserById(profile.id, db);
  const now = Date.now();
  // A username another account already uses is dropped rather than failing the sign-in.
  const username =
    profile.username && !(await usernameTaken(profile.username, profile.id, db)) ? profile.username : null;
  if (!existing) {
    await db
      .insert(users)
      .values({
        id: profile.id,
        username,
        email: profile.email ?? null,
        displayName: nameFor(profile),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: users.id });
    const row = await getUserById(profile.id, db);
    if (!row) throw new Error(`Could not record user ${profile.id}`);
    return row;
  }
  const changes: Partial<User> = {};
  if (profile.displayName && profile.displayName !== existing.displayName) changes.displayName = profile.displayName;
  if (username && username !== existing.username) changes.username = username;
  if (profile.email && profile.email !== existing.email) changes.email = profile.email;
  if (Object.keys(changes).length === 0) return existing;
  const [updated] = await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.id, profile.id))
    .returning();
  return updated ?? existing;
}

/** Inserts or fully updates a user, including the platform-admin flag (seeding and admin tools). */
export async function upsertUser(
  user: { id: string; displayName: string; username?: string | null; email?: string | null; isPlatformAdmin?: boolean },
  db: Db = getDb(),
): Promise<void> {
  const now = Date.now();
  const values = {
    username: user.username ?? null,
    email: user.email ?? null,
    displayName: user.displayName,
    isPlatformAdmin: user.isPlatformAdmin ?? false,
  };
  await db
    .insert(users)
    .values({ id: user.id, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.id, set: { ...values, updatedAt: now } });
}

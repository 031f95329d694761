import "server-only";
import { forbidden, notFound } from "@/lib/api/errors";
import { getUserById, listUsers, type User } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { DEMO_USERS, demoUserDescription } from "./demo-users";
import { LOCAL_SESSION_COOKIE, localSessionCookieOptions } from "./local-session";
import { createLocalSession } from "./local-sessions";

/** Whether local sign-in is the active mode (its routes answer 404 in Clerk mode). */
export function isLocalAuthMode(): boolean {
  return getEnv().AUTH_MODE === "local";
}

/** A cookie for NextResponse.cookies.set: name, value and attributes. */
export interface SessionCookie {
  name: string;
  value: string;
  options: ReturnType<typeof localSessionCookieOptions>;
}

/** Starts a server-side local session for an existing user; 404 when unknown, 403 when disabled. */
export async function startLocalSession(userId: string): Promise<{ user: User; cookie: SessionCookie }> {
  const user = await getUserById(userId);
  if (!user) throw notFound(`No local user "${userId}": pick one of the users listed on the sign-in page`);
  if (user.disabledAt !== null) throw forbidden("This account is disabled: ask a platform admin to enable it");
  const env = getEnv();
  const value = await createLocalSession(user.id);
  return { user, cookie: { name: LOCAL_SESSION_COOKIE, value, options: localSessionCookieOptions(env.isProduction) } };
}

/** The cookie that removes the local session (same attributes, empty value, Max-Age 0). */
export function endLocalSessionCookie(): SessionCookie {
  return { name: LOCAL_SESSION_COOKIE, value: "", options: localSessionCookieOptions(getEnv().isProduction, 0) };
}

/** One person the local sign-in page offers. */
export interface SignInChoice {
  id: string;
  displayName: string;
  username: string | null;
  isPlatformAdmin: boolean;
  description?: string;
}

/** Everyone in the user directory who is not disabled (demo users first by role), as the sign-in page lists them. */
export async function listSignInChoices(): Promise<SignInChoice[]> {
  const rank = (id: string) => {
    const i = DEMO_USERS.findIndex((d) => d.id === id);
    return i === -1 ? DEMO_USERS.length : i;
  };
  const rows = (await listUsers()).filter((u) => u.disabledAt === null).sort((a, b) => rank(a.id) - rank(b.id));
  return rows.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    username: u.username,
    isPlatformAdmin: u.isPlatformAdmin,
    description: demoUserDescription(u.id),
  }));
}

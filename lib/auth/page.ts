import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { localCallerFromToken } from "./caller";
import { LOCAL_SESSION_COOKIE } from "./local-session";
import { safeRedirectPath } from "./redirect";
import type { UserCaller } from "./types";

/** Server components: the signed-in user (local cookie or Clerk's auth()), or null. */
export async function getPageUser(): Promise<UserCaller | null> {
  if (getEnv().AUTH_MODE === "clerk") {
    const { getClerkPageUser } = await import("./clerk");
    return getClerkPageUser();
  }
  const store = await cookies();
  return localCallerFromToken(store.get(LOCAL_SESSION_COOKIE)?.value);
}

/** The sign-in URL that brings the user back to `returnTo` (a same-site path) afterwards. */
export function signInUrl(returnTo?: string): string {
  return `/sign-in?redirect_url=${encodeURIComponent(safeRedirectPath(returnTo))}`;
}

/** Server components: the signed-in user, or a redirect to /sign-in (back to `returnTo`, default /dashboard). */
export async function requirePageUser(returnTo?: string): Promise<UserCaller> {
  const user = await getPageUser();
  if (!user) redirect(signInUrl(returnTo));
  return user;
}

/** Server components: a platform admin; anonymous users go to sign-in, other users get 403 (app/forbidden.tsx). */
export async function requirePageAdmin(returnTo?: string): Promise<UserCaller> {
  const user = await requirePageUser(returnTo);
  if (!user.isPlatformAdmin) forbidden();
  return user;
}

/** The signed-in user with their directory names (user menus), or null. */
export async function getPageUserProfile(): Promise<
  (UserCaller & { displayName: string; username: string | null }) | null
> {
  const caller = await getPageUser();
  if (!caller) return null;
  const user = await getUserById(caller.userId);
  return { ...caller, displayName: user?.displayName ?? caller.userId, username: user?.username ?? null };
}

import "server-only";
import { verifyToken } from "@clerk/nextjs/server";
import { ensureUser, getUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { readCookie } from "./local-session";
import type { UserCaller } from "./types";

/** Claims of a Clerk session token that this app reads; name fields come from a custom session-token template. */
export interface ClerkSessionClaims {
  sub: string;
  metadata?: { isPlatformAdmin?: unknown } | null;
  name?: unknown;
  fullName?: unknown;
  username?: unknown;
  email?: unknown;
  [claim: string]: unknown;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** The session token of a request: `Authorization: Bearer …` first, then the `__session` cookie (or a suffixed one). */
export function clerkTokenFromRequest(request: Request): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) return bearer;
  const cookieHeader = request.headers.get("cookie");
  const plain = readCookie(cookieHeader, "__session");
  if (plain) return plain;
  // Clerk may suffix the cookie per instance (`__session_<hash>`) when several apps share a domain.
  const suffixed = /(?:^|;\s*)(__session_[A-Za-z0-9_-]+)=/.exec(cookieHeader ?? "")?.[1];
  return suffixed ? readCookie(cookieHeader, suffixed) : undefined;
}

/**
 * Verifies a Clerk session token: networkless with CLERK_JWT_KEY (PEM), otherwise through Clerk's JWKS with the
 * secret key. Null for a missing, expired, forged or wrong-key token.
 */
export async function verifyClerkToken(token: string | undefined): Promise<ClerkSessionClaims | null> {
  if (!token) return null;
  const env = getEnv();
  try {
    const claims = await verifyToken(
      token,
      env.CLERK_JWT_KEY ? { jwtKey: env.CLERK_JWT_KEY } : { secretKey: env.CLERK_SECRET_KEY },
    );
    return typeof claims.sub === "string" && claims.sub ? (claims as unknown as ClerkSessionClaims) : null;
  } catch {
    return null;
  }
}

/**
 * Maps verified claims to a caller, recording the user on first sight. Platform admin: the token's
 * `metadata.isPlatformAdmin` claim (Clerk public metadata exposed in the session token) or the users-table flag.
 * Null for a user a platform admin disabled here: every request is answered as signed out.
 */
export async function clerkCallerFromClaims(claims: ClerkSessionClaims): Promise<UserCaller | null> {
  const user = await ensureUser({
    id: claims.sub,
    displayName: str(claims.fullName) ?? str(claims.name),
    username: str(claims.username),
    email: str(claims.email),
  });
  if (user.disabledAt !== null) return null;
  const isPlatformAdmin = claims.metadata?.isPlatformAdmin === true || user.isPlatformAdmin;
  return { kind: "user", userId: user.id, isPlatformAdmin, via: "clerk" };
}

/** Clerk mode: verifies the session token of a request (bearer or cookie) and maps it to a caller. */
export async function getClerkUser(request: Request): Promise<UserCaller | null> {
  const claims = await verifyClerkToken(clerkTokenFromRequest(request));
  return claims ? clerkCallerFromClaims(claims) : null;
}

/** Clerk mode, server components: the user clerkMiddleware authenticated for this request, or null. */
export async function getClerkPageUser(): Promise<UserCaller | null> {
  const { auth } = await import("@clerk/nextjs/server");
  let session: Awaited<ReturnType<typeof auth>>;
  try {
    session = await auth();
  } catch (error) {
    // auth() throws where clerkMiddleware did not run (paths outside the matcher, e.g. a missing static file's 404).
    console.warn(JSON.stringify({ level: "warn", message: "Clerk auth() unavailable", error: String(error) }));
    return null;
  }
  if (!session.userId || !session.sessionClaims) return null;
  return clerkCallerFromClaims({ ...(session.sessionClaims as Record<string, unknown>), sub: session.userId });
}

/**
 * Clerk mode, server components: true when Clerk has a session for a user a platform admin disabled here. The
 * sign-in page then says so and offers sign-out, instead of Clerk sending the signed-in person back to the page
 * that just refused them.
 */
export async function isClerkSessionDisabled(): Promise<boolean> {
  const { auth } = await import("@clerk/nextjs/server");
  try {
    const { userId } = await auth();
    return Boolean(userId && (await getUserById(userId))?.disabledAt);
  } catch {
    return false;
  }
}

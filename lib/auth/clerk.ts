import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Caller } from "./types";

/** Clerk mode: verifies the session token of a request (cookie or bearer) and maps it to a caller. */
export async function getClerkUser(request: Request): Promise<Extract<Caller, { kind: "user" }> | null> {
  const { auth } = await import("@clerk/nextjs/server");
  void request;
  const session = await auth();
  if (!session.userId) return null;
  const claims = (session.sessionClaims ?? {}) as { metadata?: { isPlatformAdmin?: boolean } };
  let isPlatformAdmin = claims.metadata?.isPlatformAdmin === true;
  if (!isPlatformAdmin) {
    const [row] = await getDb().select({ a: users.isPlatformAdmin }).from(users).where(eq(users.id, session.userId));
    isPlatformAdmin = row?.a === true;
  }
  return { kind: "user", userId: session.userId, isPlatformAdmin, via: "clerk" };
}

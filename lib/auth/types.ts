import type { System, SystemRole } from "@/lib/db/schema";

/**
 * Who is calling: a signed-in user (Clerk or local), an API token acting for its user, a share link (userId
 * `share:<id>`, read-only on one system), or the cron secret.
 */
export type Caller =
  | { kind: "user"; userId: string; isPlatformAdmin: boolean; via: "clerk" | "local" | "token" | "share" }
  | { kind: "cron" };

/** A signed-in user as a caller (what requireAuth, getUserFromRequest and getPageUser return). */
export type UserCaller = Extract<Caller, { kind: "user" }>;

/** What a caller may do with one system: viewer < admin < owner; platform admins may do everything. */
export type AccessLevel = "read" | "write" | "owner";

export interface SystemAccess {
  system: System;
  caller: UserCaller;
  role: SystemRole | "platform-admin";
  canRead: boolean;
  canWrite: boolean;
  isOwner: boolean;
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { upsertUser } from "@/lib/db/queries/users";

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  isPlatformAdmin: boolean;
  /** What the sign-in page says about this person. */
  description: string;
}

/** The local-mode people: a platform admin, a homeowner (owns the demo systems) and a viewer (one shared system). */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: "local-admin",
    username: "admin",
    displayName: "Alex Admin",
    email: "admin@example.com",
    isPlatformAdmin: true,
    description: "Platform admin: sees every system, polling status and sessions",
  },
  {
    id: "local-owner",
    username: "owner",
    displayName: "Olivia Owner",
    email: "owner@example.com",
    isPlatformAdmin: false,
    description: "Homeowner: owns the demo systems",
  },
  {
    id: "local-viewer",
    username: "viewer",
    displayName: "Victor Viewer",
    email: "viewer@example.com",
    isPlatformAdmin: false,
    description: "Viewer: read-only access to a system shared with them",
  },
];

/** Inserts or refreshes the demo users (safe to run again); systems and shares are seeded by the caller. */
export async function seedDemoUsers(db: Db): Promise<void> {
  for (const user of DEMO_USERS) {
    await upsertUser(
      {
        id: user.id,
        username: user.username,
        email: user.email,
        displayName: user.displayName,
        isPlatformAdmin: user.isPlatformAdmin,
      },
      db,
    );
  }
}

/** The sign-in page's description of a demo user, or undefined for other users. */
export function demoUserDescription(userId: string): string | undefined {
  return DEMO_USERS.find((u) => u.id === userId)?.description;
}

import { and, eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { pollingStatus, systems, userSystems, vendorCredentials } from "../../lib/db/schema";
import { encryptJson } from "../../lib/crypto/secrets";
import { standardOffsetMinutes } from "../../lib/time/zones";
import { seedDemoUsers } from "../../lib/auth/demo-users";

export const DEMO_OWNER_ID = "local-owner";
export const DEMO_VIEWER_ID = "local-viewer";

export interface DemoSystemSpec {
  vendorType: string;
  vendorSiteId: string;
  displayName: string;
  alias: string;
  timezone: string;
  location: { lat: number; lng: number; address: string };
  credentials: Record<string, unknown>;
  isDefault?: boolean;
  sharedWithViewer?: boolean;
}

/** One system per implemented vendor, each pointing at its emulator's demo account. */
export const DEMO_SYSTEMS: DemoSystemSpec[] = [
  {
    vendorType: "selectronic",
    vendorSiteId: "1001",
    displayName: "Home",
    alias: "home",
    timezone: "Australia/Melbourne",
    location: { lat: -37.81, lng: 144.96, address: "Melbourne VIC" },
    credentials: { email: "demo@example.com", password: "demo-password" },
    isDefault: true,
    sharedWithViewer: true,
  },
  {
    vendorType: "selectronic",
    vendorSiteId: "1002",
    displayName: "Beach house",
    alias: "beach",
    timezone: "Australia/Adelaide",
    location: { lat: -34.93, lng: 138.6, address: "Adelaide SA" },
    credentials: { email: "demo@example.com", password: "demo-password" },
  },
];

/** Creates the demo users and systems (credentials encrypted) if missing; safe to run again. Returns system ids. */
export async function seedDemo(db: Db, specs: DemoSystemSpec[] = DEMO_SYSTEMS): Promise<number[]> {
  await seedDemoUsers(db);
  const now = Date.now();
  const ids: number[] = [];
  for (const spec of specs) {
    const [existing] = await db
      .select({ id: systems.id })
      .from(systems)
      .where(
        and(
          eq(systems.ownerUserId, DEMO_OWNER_ID),
          eq(systems.vendorType, spec.vendorType),
          eq(systems.vendorSiteId, spec.vendorSiteId),
        ),
      );
    let id = existing?.id;
    if (!id) {
      const [row] = await db
        .insert(systems)
        .values({
          ownerUserId: DEMO_OWNER_ID,
          vendorType: spec.vendorType,
          vendorSiteId: spec.vendorSiteId,
          displayName: spec.displayName,
          alias: spec.alias,
          location: spec.location,
          timezoneOffsetMin: standardOffsetMinutes(spec.timezone),
          displayTimezone: spec.timezone,
          isDefault: spec.isDefault ?? false,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: systems.id });
      id = row.id;
      await db.insert(pollingStatus).values({ systemId: id, updatedAt: now }).onConflictDoNothing();
      if (spec.sharedWithViewer) {
        await db
          .insert(userSystems)
          .values({ userId: DEMO_VIEWER_ID, systemId: id, role: "viewer", createdAt: now, updatedAt: now })
          .onConflictDoNothing();
      }
    }
    // Credentials are (re)written so a rotated ENCRYPTION_KEY or a fresh data folder always decrypts.
    await db
      .insert(vendorCredentials)
      .values({
        systemId: id,
        ownerUserId: DEMO_OWNER_ID,
        credentials: encryptJson(spec.credentials),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: vendorCredentials.systemId,
        set: { credentials: encryptJson(spec.credentials), state: null, updatedAt: now },
      });
    ids.push(id);
  }
  return ids;
}

import { and, eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { pointInfo, pollingStatus, systems, userSystems, vendorCredentials } from "../../lib/db/schema";
import { pathOfPoint } from "../../lib/points";
import { encryptJson } from "../../lib/crypto/secrets";
import { standardOffsetMinutes } from "../../lib/time/zones";
import { seedDemoUsers } from "../../lib/auth/demo-users";
import { presetPlan } from "../../lib/tariffs/presets";
import { tariffPlanInputSchema, type HolidayRegion, type TariffPlanInput } from "../../lib/tariffs";

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
  /** The tariff plan the demo starts the system on (issue #17), and the state whose public holidays it uses. */
  tariff?: { kind: "tou" | "flat" | "dynamic"; region: HolidayRegion };
}

/** One system per implemented vendor, each pointing at its emulator's demo account (see docs/vendors/). */
export const DEMO_SYSTEMS: DemoSystemSpec[] = [
  {
    vendorType: "selectronic",
    vendorSiteId: "1001",
    displayName: "Home",
    alias: "home",
    timezone: "Australia/Melbourne",
    location: { lat: -37.81, lng: 144.96, address: "Melbourne VIC" },
    credentials: { email: "demo@example.com", password: "demo-password" },
    tariff: { kind: "tou", region: "VIC" },
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
    tariff: { kind: "flat", region: "SA" },
  },
  {
    vendorType: "enphase",
    vendorSiteId: "2875301",
    displayName: "Sydney microinverters",
    alias: "sydney",
    timezone: "Australia/Sydney",
    location: { lat: -33.87, lng: 151.21, address: "Sydney NSW" },
    // The emulator always honours this refresh token; the adapter refreshes and stores the new pair encrypted.
    credentials: { accessToken: "", refreshToken: "demo-enphase-refresh-token", expiresAtMs: 0 },
    tariff: { kind: "flat", region: "NSW" },
  },
  {
    vendorType: "solaredge",
    vendorSiteId: "3101",
    displayName: "Perth inverter",
    alias: "perth",
    timezone: "Australia/Perth",
    location: { lat: -31.95, lng: 115.86, address: "Perth WA" },
    credentials: { apiKey: "DEMOSOLAREDGEKEY0123456789ABCDEF" },
    tariff: { kind: "flat", region: "WA" },
  },
  {
    vendorType: "amber",
    vendorSiteId: "01JAMBERDEMOSITE0000001001",
    displayName: "Home tariff",
    alias: "tariff",
    timezone: "Australia/Melbourne",
    location: { lat: -37.81, lng: 144.96, address: "Melbourne VIC" },
    credentials: { apiKey: "psk_demo_amber_0123456789abcdef" },
    tariff: { kind: "dynamic", region: "VIC" },
  },
  {
    vendorType: "mondo",
    vendorSiteId: "7d1c2a9e-0000-4000-8000-000000001001",
    displayName: "Home circuits",
    alias: "circuits",
    timezone: "Australia/Melbourne",
    location: { lat: -37.81, lng: 144.96, address: "Melbourne VIC" },
    credentials: { email: "demo@example.com", password: "demo-password" },
    tariff: { kind: "flat", region: "VIC" },
  },
  {
    vendorType: "tesla",
    vendorSiteId: "1689000000000001",
    displayName: "Brisbane Powerwall",
    alias: "powerwall",
    timezone: "Australia/Brisbane",
    location: { lat: -27.47, lng: 153.03, address: "Brisbane QLD" },
    // The emulator always honours this refresh token (each use returns a fresh rotating pair, stored encrypted);
    // the car "Sparky" charges at this site 10:00–14:00 at 7 kW on most days.
    credentials: {
      accessToken: "",
      refreshToken: "demo-tesla-refresh-token",
      expiresAtMs: 0,
      scopes: ["openid", "offline_access", "energy_device_data", "vehicle_device_data", "vehicle_location"],
      vehicles: [{ id: "3744000000000001", name: "Sparky" }],
    },
    tariff: { kind: "tou", region: "QLD" },
  },
  {
    vendorType: "fronius",
    vendorSiteId: "fronius-demo-1003",
    displayName: "Fronius (push)",
    alias: "fronius",
    timezone: "Australia/Sydney",
    location: { lat: -33.87, lng: 151.21, address: "Sydney NSW" },
    credentials: {},
    tariff: { kind: "flat", region: "NSW" },
  },
];

/** The simulated site the demo's Fronius pusher reports for. */
export const DEMO_FRONIUS_SITE = "1003";

/** Creates the demo users and systems (credentials encrypted) if missing; safe to run again. Returns system ids. */
export async function seedDemo(db: Db, specs: DemoSystemSpec[] = DEMO_SYSTEMS): Promise<DemoSeed> {
  await seedDemoUsers(db);
  const now = Date.now();
  const ids: number[] = [];
  const byVendor: DemoSeed["byVendor"] = {};
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
    // Written once: later runs keep what the adapters stored since (refreshed tokens, sessions).
    await db
      .insert(vendorCredentials)
      .values({
        systemId: id,
        ownerUserId: DEMO_OWNER_ID,
        credentials: encryptJson(spec.credentials),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    if (spec.tariff) await seedDemoTariff(db, id, spec.tariff);
    ids.push(id);
    byVendor[spec.vendorType] ??= id;
  }
  return { ids, byVendor };
}

/** Amber's prices come from the vendor per interval; the monthly subscription is about 50 c a day. */
const DYNAMIC_PLAN: Omit<TariffPlanInput, "effectiveFrom"> = {
  name: "Amber (wholesale prices)",
  supply: { centsPerDay: 110 + 50 },
  import: { kind: "dynamic" },
  feedIn: { rates: { kind: "dynamic" } },
};

/** Gives a demo system its starting tariff plan unless it has one (a person's edits survive re-runs). */
async function seedDemoTariff(db: Db, systemId: number, tariff: NonNullable<DemoSystemSpec["tariff"]>): Promise<void> {
  const start = "2024-01-01";
  const input = tariff.kind === "dynamic" ? { ...DYNAMIC_PLAN, effectiveFrom: start } : presetPlan(tariff.kind, start);
  const plan = tariffPlanInputSchema.parse({ ...input, holidays: { region: tariff.region } });
  const now = Date.now();
  await db.$client.execute({
    sql:
      "INSERT INTO tariff_plans (system_id, name, effective_from, plan, version, created_by, created_at, updated_at) " +
      "SELECT ?, ?, ?, ?, 1, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tariff_plans WHERE system_id = ?)",
    args: [systemId, plan.name, plan.effectiveFrom, JSON.stringify(plan), DEMO_OWNER_ID, now, now, systemId],
  });
}

export interface DemoSeed {
  ids: number[];
  /** The first demo system of each vendor type. */
  byVendor: Record<string, number>;
}

/** The demo composite's members (system aliases) and their batteries' capacities (Wh) for a weighted SoC. */
export const DEMO_COMPOSITE_MEMBERS: Record<string, number> = { home: 40_000, beach: 13_500 };
export const DEMO_COMPOSITE_NAME = "Home + beach house";

/**
 * The demo composite (alias whole_home): two whole sites, Home (Melbourne) and Beach house (Adelaide), each with
 * its solar, battery, load and grid, so the composite's balance is the sum of two balances and in = out. (The old
 * mapping took grid from Home's meter and again from the Amber meter of the same site, and solar from a second
 * site without its load: it could not balance.) An existing composite of the old mapping is brought up to date.
 */
export async function seedDemoComposite(db: Db, byVendor: Record<string, number>): Promise<number | null> {
  void byVendor;
  const [existing] = await db
    .select({ id: systems.id, metadata: systems.metadata })
    .from(systems)
    .where(and(eq(systems.ownerUserId, DEMO_OWNER_ID), eq(systems.alias, "whole_home")));
  const owned = await db
    .select({ id: systems.id, alias: systems.alias })
    .from(systems)
    .where(eq(systems.ownerUserId, DEMO_OWNER_ID));
  const memberIds = Object.keys(DEMO_COMPOSITE_MEMBERS).map((a) => owned.find((s) => s.alias === a)?.id);
  if (memberIds.some((id) => id === undefined)) return existing?.id ?? null;

  const rows = await db.select().from(pointInfo);
  const mappings: Record<"solar" | "battery" | "load" | "grid", Array<{ systemId: number; pointId: number }>> = {
    solar: [],
    battery: [],
    load: [],
    grid: [],
  };
  const capacities: Record<string, number> = {};
  const want: Array<[keyof typeof mappings, string]> = [
    ["solar", "source.solar/power"],
    ["battery", "bidi.battery/power"],
    ["battery", "bidi.battery/soc"],
    ["load", "load/power"],
    ["grid", "bidi.grid/power"],
  ];
  for (const [i, systemId] of (memberIds as number[]).entries()) {
    for (const [category, path] of want) {
      const p = rows.find((r) => r.systemId === systemId && pathOfPoint(r) === path);
      if (!p) return existing?.id ?? null;
      mappings[category].push({ systemId, pointId: p.id });
      if (path.endsWith("/soc")) capacities[`${systemId}:${p.id}`] = Object.values(DEMO_COMPOSITE_MEMBERS)[i];
    }
  }
  const { createComposite, updateComposite, ownerCaller, parseCompositeMetadata, sourceIdsOf } =
    await import("../../lib/composite");
  const owner = await ownerCaller(DEMO_OWNER_ID);
  if (existing) {
    const sources = sourceIdsOf(parseCompositeMetadata(existing.metadata));
    const current = sources.length === memberIds.length && memberIds.every((id) => sources.includes(id!));
    if (!current) {
      const { getSystemAccess } = await import("../../lib/auth/require");
      const access = await getSystemAccess(owner, existing.id);
      if (access?.canWrite) await updateComposite(access, { displayName: DEMO_COMPOSITE_NAME, mappings, capacities });
    }
    return existing.id;
  }
  const summary = await createComposite(owner, {
    displayName: DEMO_COMPOSITE_NAME,
    alias: "whole_home",
    displayTimezone: "Australia/Melbourne",
    mappings,
    capacities,
  });
  return summary.id;
}

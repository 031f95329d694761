import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { registerAdapter } from "@/lib/vendors/registry";
import type {
  FetchResult,
  IntervalReading,
  PointDefinition,
  Reading,
  VendorAdapter,
  VendorType,
} from "@/lib/vendors/types";

/** Vendor type of the in-process test adapter (not a real vendor, so not in the VendorType union). */
export const TEST_VENDOR = "testvendor" as VendorType;

export const TEST_POINTS = {
  solar: { originId: "solar", name: "Solar", type: "source", subtype: "solar", metricType: "power", unit: "W" },
  battery: {
    originId: "battery",
    name: "Battery",
    type: "bidi",
    subtype: "battery",
    metricType: "power",
    unit: "W",
    transform: "i",
  },
  soc: { originId: "soc", name: "Battery SoC", type: "bidi", subtype: "battery", metricType: "soc", unit: "%" },
  solarEnergy: {
    originId: "solar_total",
    name: "Solar energy",
    type: "source",
    subtype: "solar",
    metricType: "energy",
    unit: "Wh",
    transform: "d",
  },
  status: { originId: "status", name: "Status", type: null, metricType: "text", unit: "" },
  gridPrice: {
    originId: "price",
    name: "Grid price",
    type: "bidi",
    subtype: "grid",
    metricType: "price",
    unit: "c/kWh",
  },
} satisfies Record<string, PointDefinition>;

/** Per-site behaviour of the test adapter; by default it returns deterministic readings at `now`. */
export interface TestBehaviour {
  error?: Error;
  delayMs?: number;
  readings?: (nowMs: number) => Reading[];
  intervals?: (nowMs: number) => IntervalReading[];
  state?: Record<string, unknown> | null;
  response?: unknown;
}

/** Deterministic readings for a moment: values are pure functions of the time. */
export function defaultReadings(nowMs: number): Reading[] {
  const t = Math.floor(nowMs / 1000) * 1000;
  const minute = Math.floor(t / 60_000);
  return [
    { point: TEST_POINTS.solar, measurementTimeMs: t, value: 1000 + (minute % 60) * 10 },
    { point: TEST_POINTS.battery, measurementTimeMs: t, value: 500 },
    { point: TEST_POINTS.soc, measurementTimeMs: t, value: 50 + (minute % 50) },
    { point: TEST_POINTS.solarEnergy, measurementTimeMs: t, value: 1_000_000 + minute * 20 },
    { point: TEST_POINTS.status, measurementTimeMs: t, value: null, valueStr: minute % 2 ? "ok" : "charging" },
  ];
}

export interface TestVendor {
  adapter: VendorAdapter;
  behaviour: Map<string, TestBehaviour>;
  calls: Array<{ systemId: number; siteId: string; nowMs: number; credentials: unknown; state: unknown }>;
  maxConcurrent: number;
  reset(): void;
}

/** Creates (and registers) the test adapter: 1-minute schedule, apiKey credentials, configurable per site. */
export function registerTestVendor(options: { concurrency?: number } = {}): TestVendor {
  let active = 0;
  const vendor: TestVendor = {
    behaviour: new Map(),
    calls: [],
    maxConcurrent: 0,
    reset() {
      vendor.behaviour.clear();
      vendor.calls.length = 0;
      vendor.maxConcurrent = 0;
    },
    adapter: {
      vendorType: TEST_VENDOR,
      displayName: "Test vendor",
      description: "Deterministic in-process adapter for pipeline tests",
      mode: "poll",
      capabilities: { flows: ["solar", "load"], power: true, energy: "none", setup: "credentials", polling: true },
      credentialFields: [{ name: "apiKey", label: "API key", type: "password" }],
      credentialsSchema: z.object({ apiKey: z.string().min(1) }) as unknown as VendorAdapter["credentialsSchema"],
      limits: options.concurrency ? { concurrency: options.concurrency } : undefined,
      isDue: (_system, lastPollMs, now) => lastPollMs === null || now.getTime() - lastPollMs >= 60_000,
      async fetchLatestData(ctx): Promise<FetchResult> {
        const b = vendor.behaviour.get(ctx.system.vendorSiteId) ?? {};
        const nowMs = ctx.now.getTime();
        vendor.calls.push({
          systemId: ctx.system.id,
          siteId: ctx.system.vendorSiteId,
          nowMs,
          credentials: ctx.credentials,
          state: ctx.state,
        });
        active++;
        vendor.maxConcurrent = Math.max(vendor.maxConcurrent, active);
        try {
          if (b.delayMs) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, b.delayMs);
              ctx.signal?.addEventListener("abort", () => {
                clearTimeout(timer);
                reject(ctx.signal?.reason ?? new Error("aborted"));
              });
            });
          }
          if (b.error) throw b.error;
          return {
            readings: (b.readings ?? defaultReadings)(nowMs),
            intervals: b.intervals?.(nowMs),
            vendorResponse: b.response ?? { ok: true, at: nowMs },
            state: b.state,
          };
        } finally {
          active--;
        }
      },
    },
  };
  registerAdapter(vendor.adapter as VendorAdapter<never>);
  return vendor;
}

/** Inserts a user row (for ownership and local session cookies). */
export async function insertTestUser(db: Db, id: string, options: { admin?: boolean } = {}): Promise<void> {
  await db.$client.execute({
    sql: "INSERT INTO users (id, username, display_name, is_platform_admin, created_at, updated_at) VALUES (?,?,?,?,?,?)",
    args: [id, id, id, options.admin ? 1 : 0, Date.now(), Date.now()],
  });
}

/** Inserts an active system (and, unless `credentials: null`, encrypted test credentials); returns its id. */
export async function insertTestSystem(
  db: Db,
  options: {
    owner?: string;
    siteId?: string;
    vendorType?: string;
    zone?: string;
    alias?: string | null;
    status?: string;
    credentials?: Record<string, unknown> | null;
  } = {},
): Promise<number> {
  const { encryptJson } = await import("@/lib/crypto/secrets");
  const owner = options.owner ?? "owner";
  const res = await db.$client.execute({
    sql:
      "INSERT INTO systems (owner_user_id, vendor_type, vendor_site_id, status, display_name, alias, timezone_offset_min, " +
      "display_timezone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
    args: [
      owner,
      options.vendorType ?? TEST_VENDOR,
      options.siteId ?? `site-${Math.random().toString(36).slice(2)}`,
      options.status ?? "active",
      "Test system",
      options.alias ?? null,
      600,
      options.zone ?? "Australia/Melbourne",
      Date.now(),
      Date.now(),
    ],
  });
  const id = Number(res.rows[0].id);
  if (options.credentials !== null) {
    await db.$client.execute({
      sql: "INSERT INTO vendor_credentials (system_id, owner_user_id, credentials, created_at, updated_at) VALUES (?,?,?,?,?)",
      args: [id, owner, encryptJson(options.credentials ?? { apiKey: "k" }), Date.now(), Date.now()],
    });
  }
  return id;
}

/** A test system in `zone` with its solar power and solar energy (counter) points created; their ids. */
export async function insertSolarSystem(
  db: Db,
  zone: string,
): Promise<{ systemId: number; power: number; energy: number }> {
  const systemId = await insertTestSystem(db, { zone });
  const { ensurePoints } = await import("@/lib/ingest/ensure-points");
  const points = await ensurePoints(systemId, [TEST_POINTS.solar, TEST_POINTS.solarEnergy], 0);
  return { systemId, power: points.of[0].id, energy: points.of[1].id };
}

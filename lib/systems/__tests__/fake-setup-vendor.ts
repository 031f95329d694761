import { z } from "zod";
import { registerAdapter } from "@/lib/vendors/registry";
import {
  VendorError,
  type PointDefinition,
  type Reading,
  type VendorAdapter,
  type VendorType,
} from "@/lib/vendors/types";

/** A poll vendor with discovery (two sites) for setup tests; the right password is "right-password". */
export const SETUP_VENDOR = "setupfake" as VendorType;
/** A push vendor (no credentials, no connection test). */
export const PUSH_VENDOR = "pushfake" as VendorType;
export const RIGHT_PASSWORD = "right-password";

export const FAKE_POINTS = {
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
} satisfies Record<string, PointDefinition>;

/** Readings at `nowMs`: solar 1234 W, battery stored as 500 (shown as −500 because of transform i). */
export function fakeReadings(nowMs: number): Reading[] {
  return [
    { point: FAKE_POINTS.solar, measurementTimeMs: nowMs, value: 1234 },
    { point: FAKE_POINTS.battery, measurementTimeMs: nowMs, value: 500 },
  ];
}

/** Per-email failure modes: `maintenance@…` → MAINTENANCE, `throttled@…` → RATE_LIMITED, `crash@…` → TypeError. */
export function registerSetupVendors(): { calls: Array<{ siteId?: string }> } {
  const calls: Array<{ siteId?: string }> = [];
  const adapter: VendorAdapter<{ email: string; password: string }> = {
    vendorType: SETUP_VENDOR,
    displayName: "Setup Fake",
    description: "In-process vendor for setup tests",
    mode: "poll",
    capabilities: { flows: ["solar"], power: true, energy: "none", setup: "credentials", polling: true },
    credentialFields: [
      { name: "email", label: "Email", type: "email", placeholder: "you@example.com" },
      { name: "password", label: "Password", type: "password" },
    ],
    credentialsSchema: z.object({
      email: z.string().email("Enter an email address"),
      password: z.string().min(1, "Enter a password"),
    }),
    isDue: () => true,
    async fetchLatestData(ctx) {
      return { readings: fakeReadings(ctx.now.getTime()) };
    },
    async testConnection(ctx) {
      calls.push({ siteId: ctx.system?.vendorSiteId });
      const { email, password } = ctx.credentials;
      if (email.startsWith("maintenance@")) throw new VendorError("MAINTENANCE", "The portal is down for maintenance");
      if (email.startsWith("throttled@")) throw new VendorError("RATE_LIMITED", "Slow down", { retryAfterMs: 30_000 });
      if (email.startsWith("crash@")) throw new TypeError(`fetch failed for ${password}`);
      if (password !== RIGHT_PASSWORD) throw new VendorError("AUTH_FAILED", "Wrong email or password");
      return {
        sites: [
          {
            vendorSiteId: "A1",
            name: "Alpha",
            info: { model: "SP PRO", serial: "SN-1", timezone: "Australia/Sydney" },
          },
          { vendorSiteId: "B2", name: "Beta" },
        ],
        latest: fakeReadings(ctx.now.getTime()),
        vendorResponse: { token: "vendor-token" },
        state: { cookie: "session-cookie" },
      };
    },
  };
  const push: VendorAdapter<Record<string, never>> = {
    vendorType: PUSH_VENDOR,
    displayName: "Push Fake",
    description: "Posts its data to us",
    mode: "push",
    capabilities: { flows: ["solar"], power: true, energy: "none", setup: "push-secret", polling: false },
    credentialFields: [],
    credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    push: {
      schema: z.object({ apiKey: z.string(), action: z.literal("test") }),
      toReadings: () => [],
    },
  };
  registerAdapter(adapter as unknown as VendorAdapter<never>);
  registerAdapter(push as unknown as VendorAdapter<never>);
  return { calls };
}

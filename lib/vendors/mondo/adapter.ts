import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { VendorError, keepingState, type AdapterContext, type DiscoveredSite, type PollAdapter } from "../types";
import { MondoClient } from "./client";
import { mapRows, mapYesterday } from "./mapper";
import { dueEvery } from "../define";

/** The Mondo platform sign-in; the monitoring point group is the system's vendorSiteId. */
export const mondoCredentialsSchema = z.object({
  email: z
    .string({ required_error: "Enter the email address you use for Mondo" })
    .trim()
    .email("Enter the email address you use for Mondo"),
  password: z.string({ required_error: "Enter your Mondo password" }).min(1, "Enter your Mondo password"),
});
export type MondoCredentials = z.infer<typeof mondoCredentialsSchema>;

/** Polled every 2 minutes (with 5 s of slack for cron jitter). */
export const MONDO_POLL_INTERVAL_MS = 2 * 60_000 - 5_000;

export interface MondoAdapterOptions {
  identityUrl?: string;
  apiUrl?: string;
  timeoutMs?: number;
}

type Ctx = Omit<AdapterContext<MondoCredentials>, "system"> & { system?: AdapterContext<MondoCredentials>["system"] };

/** Builds the Mondo adapter; the registered one uses the environment, tests point it at the emulators. */
export function createMondoAdapter(opts: MondoAdapterOptions = {}): PollAdapter<MondoCredentials> {
  const client = (ctx: Ctx) =>
    new MondoClient({
      identityUrl: opts.identityUrl ?? getEnv().MONDO_IDENTITY_URL,
      apiUrl: opts.apiUrl ?? getEnv().MONDO_API_URL,
      email: ctx.credentials.email,
      password: ctx.credentials.password,
      state: ctx.state,
      now: ctx.now,
      timeoutMs: opts.timeoutMs,
      signal: ctx.signal,
    });

  return {
    vendorType: "mondo",
    displayName: "Mondo Power",
    description: "Mondo Power monitoring: every sub-circuit's power and energy, read every 2 minutes.",
    mode: "poll",
    capabilities: {
      flows: ["solar", "battery", "grid", "circuits"],
      power: true,
      energy: "counter",
      setup: "credentials",
      polling: true,
    },
    credentialFields: [
      { name: "email", label: "Mondo email", type: "email", placeholder: "you@example.com" },
      { name: "password", label: "Mondo password", type: "password" },
    ],
    credentialsSchema: mondoCredentialsSchema,

    dataIntervalMs: 120_000,
    isDue(_system, lastPollMs, now) {
      return dueEvery(MONDO_POLL_INTERVAL_MS, lastPollMs, now);
    },

    async fetchLatestData(ctx) {
      const groupId = requireGroupId(ctx.system.vendorSiteId);
      const c = client(ctx);
      // A login that succeeded before the data call failed is kept: the next poll reuses its token.
      return keepingState(
        () => c.changedState,
        async () => {
          const { rows, raw } = await c.subcircuits(groupId);
          const readings = mapRows(rows, ctx.now.getTime());
          if (!readings.length) throw noData(groupId);
          const intervals = mapYesterday(rows, ctx.now.getTime(), ctx.system.displayTimezone);
          return { readings, intervals, vendorResponse: raw, state: c.changedState };
        },
      );
    },

    async testConnection(ctx) {
      const c = client(ctx);
      const sites: DiscoveredSite[] = [];
      for (const org of await c.organizations()) {
        for (const g of await c.groups(org.id)) sites.push({ vendorSiteId: g.id, name: `${g.name} (${org.name})` });
      }
      if (!sites.length) throw new VendorError("NO_DATA", "This Mondo account has no monitoring point groups");
      const chosen = sites.find((s) => s.vendorSiteId === ctx.system?.vendorSiteId) ?? sites[0];
      const { rows, raw } = await c.subcircuits(chosen.vendorSiteId);
      const latest = mapRows(rows, ctx.now.getTime());
      if (!latest.length) throw noData(chosen.vendorSiteId);
      return { sites, latest, vendorResponse: raw, state: c.changedState };
    },
  };
}

/** The Mondo adapter registered in lib/vendors/index.ts. */
export const mondoAdapter = createMondoAdapter();

function requireGroupId(vendorSiteId: string | null | undefined): string {
  const id = (vendorSiteId ?? "").trim();
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    throw new VendorError("CONFIG", `A Mondo system needs its monitoring point group id (got "${id}")`);
  }
  return id;
}

function noData(groupId: string): VendorError {
  return new VendorError("NO_DATA", `Mondo returned no sub-circuit readings for group ${groupId}`);
}

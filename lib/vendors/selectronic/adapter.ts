import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { VendorError, keepingState, type AdapterContext, type PollAdapter, type Reading } from "../types";
import { SelectLiveClient } from "./client";
import { hfTime, mapHfItems, type SelectHfItems } from "./mapper";
import { dueEvery } from "../define";

/** select.live sign-in; the system number is the system's vendorSiteId, not a credential. */
export const selectronicCredentialsSchema = z.object({
  email: z
    .string({ required_error: "Enter the email address you use for select.live" })
    .trim()
    .email("Enter the email address you use for select.live"),
  password: z.string({ required_error: "Enter your select.live password" }).min(1, "Enter your select.live password"),
});
export type SelectronicCredentials = z.infer<typeof selectronicCredentialsSchema>;

/** Polled once a minute; 55 s leaves room for cron jitter without skipping a minute. */
export const SELECTRONIC_POLL_INTERVAL_MS = 55_000;

export interface SelectronicAdapterOptions {
  /** select.live base URL (default getEnv().SELECTRONIC_BASE_URL, read at call time). */
  baseUrl?: string;
  /** Per-request time limit (default getEnv().VENDOR_TIMEOUT_MS). */
  timeoutMs?: number;
}

type Ctx = Omit<AdapterContext<SelectronicCredentials>, "system"> & {
  system?: AdapterContext<SelectronicCredentials>["system"];
};

/** Builds the Selectronic adapter; the registered one uses the environment, tests point it at the emulator. */
export function createSelectronicAdapter(opts: SelectronicAdapterOptions = {}): PollAdapter<SelectronicCredentials> {
  const client = (ctx: Ctx) =>
    new SelectLiveClient({
      baseUrl: opts.baseUrl ?? getEnv().SELECTRONIC_BASE_URL,
      email: ctx.credentials.email,
      password: ctx.credentials.password,
      state: ctx.state,
      now: ctx.now,
      timeoutMs: opts.timeoutMs,
      signal: ctx.signal,
    });

  return {
    vendorType: "selectronic",
    displayName: "Selectronic",
    description: "Selectronic SP PRO inverters through the select.live portal, read every minute.",
    mode: "poll",
    capabilities: {
      flows: ["solar", "load", "battery", "grid"],
      power: true,
      energy: "counter",
      setup: "credentials",
      polling: true,
    },
    credentialFields: [
      { name: "email", label: "select.live email", type: "email", placeholder: "you@example.com" },
      { name: "password", label: "select.live password", type: "password" },
    ],
    credentialsSchema: selectronicCredentialsSchema,

    isDue(_system, lastPollMs, now) {
      return dueEvery(SELECTRONIC_POLL_INTERVAL_MS, lastPollMs, now);
    },

    async fetchLatestData(ctx) {
      const systemNumber = requireSystemNumber(ctx.system.vendorSiteId);
      const c = client(ctx);
      // A login that succeeded before the data call failed is kept: the next poll reuses its cookies.
      return keepingState(
        () => c.changedState,
        async () => {
          const { items, raw } = await c.hfData(systemNumber);
          const readings = checkedReadings(items, raw, systemNumber, ctx.now.getTime());
          return { readings, vendorResponse: raw, state: c.changedState };
        },
      );
    },

    async testConnection(ctx) {
      const c = client(ctx);
      const sites = await c.listSystems();
      if (sites.length === 0) throw new VendorError("NO_DATA", "This select.live account has no systems");
      const wanted = ctx.system?.vendorSiteId;
      const chosen = sites.find((s) => s.vendorSiteId === wanted) ?? sites[0];
      chosen.info = await c.systemInfo(chosen.vendorSiteId);
      const { items, raw } = await c.hfData(chosen.vendorSiteId);
      const latest = checkedReadings(items, raw, chosen.vendorSiteId, ctx.now.getTime());
      return { sites, latest, vendorResponse: raw, state: c.changedState };
    },
  };
}

/** The Selectronic adapter registered in lib/vendors/index.ts. */
export const selectronicAdapter = createSelectronicAdapter();

function requireSystemNumber(vendorSiteId: string | null | undefined): string {
  const n = (vendorSiteId ?? "").trim();
  if (!/^\d+$/.test(n)) {
    throw new VendorError("CONFIG", `A Selectronic system needs its select.live system number (got "${n}")`);
  }
  return n;
}

/**
 * The readings of an hfdata payload, or a clear error naming the timestamp: NO_DATA when it is missing (or no
 * field could be read), BAD_RESPONSE when it is impossible (nothing is stored).
 */
function checkedReadings(items: SelectHfItems, raw: unknown, systemNumber: string, nowMs: number): Reading[] {
  const time = hfTime(items, nowMs);
  if ("error" in time) {
    // No timestamp at all is no data (an offline inverter sends empty items); an impossible one is a bad answer.
    if (time.kind === "missing") throw noData(systemNumber, `hfdata ${time.error}`);
    throw new VendorError("BAD_RESPONSE", `select.live hfdata for system ${systemNumber} ${time.error}`, {
      response: raw,
    });
  }
  const readings = mapHfItems(items, nowMs);
  if (readings.length === 0) throw noData(systemNumber);
  return readings;
}

function noData(systemNumber: string, why?: string): VendorError {
  return new VendorError(
    "NO_DATA",
    `select.live returned no readings for system ${systemNumber} (${why ?? "the inverter may be offline or not reporting"})`,
  );
}

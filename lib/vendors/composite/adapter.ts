import { z } from "zod";
import type { VirtualAdapter } from "../types";

/** A composite holds no vendor credentials: its values are computed from other systems (lib/composite). */
export type CompositeCredentials = Record<string, never>;

/**
 * The composite "vendor": virtual, never polled (no isDue, no fetch), no credentials. Listed so the registry knows
 * the vendor type: the poller skips it, and lib/kv and lib/history compute its values from its sources.
 */
export const compositeAdapter: VirtualAdapter<CompositeCredentials> = {
  vendorType: "composite",
  displayName: "Composite",
  description: "One view over points of several of your systems (solar, battery, load, grid from any vendor)",
  mode: "virtual",
  capabilities: {
    flows: ["solar", "load", "battery", "grid"],
    power: true,
    energy: "interval",
    setup: "sources",
    polling: false,
  },
  credentialFields: [],
  credentialsSchema: z.object({}).strict() as unknown as z.ZodType<CompositeCredentials>,
};

/** The vendor type of composite systems (lib/composite creates and reads them under it). */
export const COMPOSITE_VENDOR_TYPE = compositeAdapter.vendorType;

import { z } from "zod";
import type { VendorAdapter } from "../types";

/** A composite holds no vendor credentials: its values are computed from other systems (lib/composite). */
export type CompositeCredentials = Record<string, never>;

/**
 * The composite "vendor": virtual, never polled (isDue is always false, no fetch), no credentials. Listed so the
 * registry knows the vendor type and the poller skips composites instead of recording a CONFIG error.
 */
export const compositeAdapter: VendorAdapter<CompositeCredentials> = {
  vendorType: "composite",
  displayName: "Composite",
  description: "One view over points of several of your systems (solar, battery, load, grid from any vendor)",
  mode: "virtual",
  supportsOAuth: false,
  credentialFields: [],
  credentialsSchema: z.object({}).strict() as unknown as z.ZodType<CompositeCredentials>,
  isDue: () => false,
};

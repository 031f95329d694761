import "server-only";
import { z } from "zod";
import type { VendorAdapter } from "../types";

/** Fronius systems have no vendor credentials: the site pushes to us with a per-system secret we issue. */
export const froniusCredentialsSchema = z.object({}).strip();
export type FroniusCredentials = z.infer<typeof froniusCredentialsSchema>;

/**
 * The Fronius push "adapter": never polled (isDue is always false). The system gets a push secret at setup
 * (lib/systems create hook; only its hash is stored) and its logger POSTs to /api/push/fronius once a minute.
 */
export const froniusAdapter: VendorAdapter<FroniusCredentials> = {
  vendorType: "fronius",
  displayName: "Fronius (push)",
  description: "Fronius inverters: a logger on your network pushes readings every minute, signed with a key we issue.",
  mode: "push",
  supportsOAuth: false,
  credentialFields: [],
  credentialsSchema: froniusCredentialsSchema,
  isDue: () => false,
};

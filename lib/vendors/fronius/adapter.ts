import "server-only";
import { z } from "zod";
import type { PushAdapter } from "../types";
import { mapPush } from "./mapper";
import { pushWarnings } from "./warnings";
import { froniusPushSchema, type FroniusPush } from "./schema";

/** Fronius systems have no vendor credentials: the site pushes to us with a per-system secret we issue. */
export const froniusCredentialsSchema = z.object({}).strip();
export type FroniusCredentials = z.infer<typeof froniusCredentialsSchema>;

/**
 * The Fronius push adapter: never polled. The system gets a push secret at setup (lib/systems create hook; only
 * its hash is stored) and its logger POSTs to /api/push/fronius once a minute; lib/polling/push receives it with
 * this adapter's body schema, readings and warnings.
 */
export const froniusAdapter: PushAdapter<FroniusCredentials> = {
  vendorType: "fronius",
  displayName: "Fronius",
  description: "Fronius inverters: a logger on your network pushes readings every minute, signed with a key we issue.",
  mode: "push",
  capabilities: {
    flows: ["solar", "load", "battery", "grid"],
    power: true,
    energy: "interval",
    setup: "push-secret",
    polling: false,
  },
  credentialFields: [],
  credentialsSchema: froniusCredentialsSchema,
  push: {
    schema: froniusPushSchema,
    toReadings: (body: Extract<FroniusPush, { action: "store" }>) => mapPush(body),
    warnings: (body: Extract<FroniusPush, { action: "store" }>) => pushWarnings(body),
  },
};

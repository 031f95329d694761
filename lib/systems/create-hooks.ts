import "server-only";
import { getEnv } from "@/lib/env";
import { hashSecret, randomSecret } from "@/lib/crypto/secrets";
import type { VendorAdapter } from "@/lib/vendors/types";

export interface CreateHookInput {
  adapter: VendorAdapter;
  ownerUserId: string;
  vendorSiteId: string;
  credentials: Record<string, unknown>;
}

/** What a hook adds to a new system: metadata written with the row, and values shown to the user once. */
export interface CreateHookOutput {
  metadata?: Record<string, unknown>;
  push?: { url: string; secret: string };
}

/**
 * Runs before the system row is written, so whatever it returns is stored in the same transaction (nothing is
 * half-created). Must not write to the database itself.
 */
export type CreateHook = (input: CreateHookInput) => CreateHookOutput | Promise<CreateHookOutput>;

const hooks = new Map<string, CreateHook>();

/** Replaces the create hook of one vendor type (e.g. a push vendor that issues its secret its own way). */
export function registerCreateHook(vendorType: string, hook: CreateHook): void {
  hooks.set(vendorType, hook);
}

/** Removes a vendor's hook (tests). */
export function unregisterCreateHook(vendorType: string): void {
  hooks.delete(vendorType);
}

/**
 * Default for push vendors: a random secret; only its SHA-256 is kept (metadata.pushKeyHash), the plaintext
 * is returned once with the push URL `${APP_URL}/api/push/<vendor>`.
 */
export function defaultPushHook({ adapter }: CreateHookInput): CreateHookOutput {
  const secret = randomSecret(32);
  return {
    metadata: { pushKeyHash: hashSecret(secret), pushKeyCreatedMs: Date.now() },
    push: { url: `${getEnv().APP_URL}/api/push/${adapter.vendorType}`, secret },
  };
}

/** The vendor's registered hook, the push default for push vendors, or nothing. */
export async function runCreateHook(input: CreateHookInput): Promise<CreateHookOutput> {
  const hook = hooks.get(input.adapter.vendorType) ?? (input.adapter.mode === "push" ? defaultPushHook : undefined);
  return hook ? await hook(input) : {};
}

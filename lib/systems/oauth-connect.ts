import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { createState, STATE_MESSAGES, STATE_TTL_MS, verifyState } from "@/lib/oauth";
import { getPollAdapter } from "@/lib/vendors";
import { VendorError, type OAuthCapability, type PollAdapter } from "@/lib/vendors/types";
import { createPending } from "./oauth-pending";

/** A vendor that is set up by signing in at the vendor (its adapter declares `oauth`). */
export type OAuthAdapter = PollAdapter & { oauth: OAuthCapability<Record<string, unknown>> };

/** Where the callback sends the browser: a path on this app (the route makes it absolute). */
export type ConnectOutcome = { redirect: string };

/** The adapter of `vendorType` when it connects by OAuth; 404 otherwise (the route does not exist for it). */
export function requireOAuthAdapter(vendorType: string): OAuthAdapter {
  const adapter = getPollAdapter(vendorType);
  if (!adapter?.oauth || adapter.capabilities.setup !== "oauth") throw notFound("No vendor signs in at this address");
  return adapter as OAuthAdapter;
}

/** The redirect URI registered with the vendor: `${APP_URL}/api/auth/<vendor>/callback`. */
export function redirectUri(vendorType: string): string {
  return `${getEnv().APP_URL}/api/auth/${vendorType}/callback`;
}

/** A setup page address with an error code and message for the wizard to show. */
export function setupError(vendorType: string, code: string, message: string): string {
  return `/setup?${new URLSearchParams({ vendor: vendorType, error: code, message }).toString()}`;
}

/**
 * Starts "Connect <vendor>" for a signed-in user: the authorize URL with a signed, expiring state bound to the
 * user, and the nonce for the browser cookie. Not configured → a setup page address with the reason instead.
 */
export function startConnect(
  adapter: OAuthAdapter,
  userId: string,
  now = new Date(),
): ConnectOutcome & { nonce?: string; maxAgeS?: number } {
  const vendor = adapter.vendorType;
  const missing = adapter.oauth.missingConfig();
  if (missing.length) {
    const message = `${adapter.displayName} is not configured on this server (missing ${missing.join(", ")})`;
    return { redirect: setupError(vendor, "not_configured", message) };
  }
  const { state, nonce } = createState(vendor, userId, now);
  return { redirect: adapter.oauth.authorizeUrl(redirectUri(vendor), state), nonce, maxAgeS: STATE_TTL_MS / 1000 };
}

export interface CallbackInput {
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
  /** The signed-in user (null when there is no session). */
  userId: string | null;
  nonce: string | undefined;
}

/**
 * Finishes the callback. The state must be ours, unexpired, for the user signed in now, from this browser: else
 * 400 (401 without a session). A refusal at the vendor goes back to Setup with a message; a granted code is
 * exchanged, the account's sites listed, and both kept encrypted as a pending grant for the user to choose.
 */
export async function completeConnect(
  adapter: OAuthAdapter,
  input: CallbackInput,
  opts: { now?: Date } = {},
): Promise<ConnectOutcome> {
  const now = opts.now ?? new Date();
  const vendor = adapter.vendorType;
  const name = adapter.displayName;
  const check = verifyState(input.state, { provider: vendor, userId: input.userId, nonce: input.nonce, now });
  if (!check.ok) {
    if (check.reason === "wrong_user" && input.userId === null)
      throw new ApiError("UNAUTHORIZED", `Sign in to finish connecting ${name}`);
    throw new ApiError("BAD_REQUEST", STATE_MESSAGES[check.reason], { reason: check.reason });
  }
  const userId = check.payload.userId;
  if (input.error) {
    const denied = input.error === "access_denied";
    const message = denied
      ? `${name} access was not granted, so no system was added. Connect again and choose Allow to add your systems.`
      : `${name} did not complete the sign-in (${input.error}${input.errorDescription ? `: ${input.errorDescription}` : ""})`;
    return { redirect: setupError(vendor, denied ? "access_denied" : "oauth_error", message) };
  }
  if (!input.code)
    throw new ApiError("BAD_REQUEST", `The ${name} callback has no authorization code; start again from Setup`);
  const missing = adapter.oauth.missingConfig();
  if (missing.length)
    return {
      redirect: setupError(vendor, "not_configured", `${name} is not configured (missing ${missing.join(", ")})`),
    };
  try {
    const { credentials, sites } = await adapter.oauth.connect(input.code, redirectUri(vendor), now);
    if (!sites.length)
      return { redirect: setupError(vendor, "no_systems", `This ${name} account has no systems to add`) };
    const pending = await createPending(vendor, userId, { credentials, sites }, now);
    return { redirect: `/setup?${new URLSearchParams({ vendor, pending }).toString()}` };
  } catch (err) {
    if (!(err instanceof VendorError)) throw err;
    return { redirect: setupError(vendor, err.code.toLowerCase(), err.message) };
  }
}

import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { createState, STATE_MESSAGES, STATE_TTL_MS, verifyState } from "@/lib/oauth";
import { dbQuotaLedger, type QuotaLedger } from "../quota";
import { VendorError } from "../types";
import { toSite } from "./adapter";
import { EnphaseClient } from "./client";
import { authorizeUrl, exchangeCode, type EnphaseApp } from "./oauth";
import { createPending } from "./pending";

export const PROVIDER = "enphase";
export const CALLBACK_PATH = "/api/auth/enphase/callback";

/** Where the callback sends the browser: a path on this app (the route makes it absolute). */
export type ConnectOutcome = { redirect: string };

/** The app's Enphase configuration from the environment, or null with the missing variable names. */
function app(): { app: EnphaseApp & { apiKey: string }; missing: string[] } {
  const env = getEnv();
  const a = {
    baseUrl: env.ENPHASE_BASE_URL,
    clientId: env.ENPHASE_CLIENT_ID ?? "",
    clientSecret: env.ENPHASE_CLIENT_SECRET ?? "",
    apiKey: env.ENPHASE_API_KEY ?? "",
  };
  const missing = Object.entries({
    ENPHASE_CLIENT_ID: a.clientId,
    ENPHASE_CLIENT_SECRET: a.clientSecret,
    ENPHASE_API_KEY: a.apiKey,
  })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  return { app: a, missing };
}

/** The redirect URI registered with Enphase: `${APP_URL}/api/auth/enphase/callback`. */
export function redirectUri(): string {
  return `${getEnv().APP_URL}${CALLBACK_PATH}`;
}

/** A setup page address with an error code and message for the wizard to show. */
export function setupError(code: string, message: string): string {
  return `/setup?${new URLSearchParams({ vendor: PROVIDER, error: code, message }).toString()}`;
}

/**
 * Starts "Connect Enphase" for a signed-in user: the authorize URL with a signed, expiring state bound to the
 * user, and the nonce for the browser cookie. Not configured → a setup page address with the reason instead.
 */
export function startEnphaseConnect(
  userId: string,
  now = new Date(),
): ConnectOutcome & { nonce?: string; maxAgeS?: number } {
  const { app: a, missing } = app();
  if (missing.length) {
    return {
      redirect: setupError(
        "not_configured",
        `Enphase is not configured on this server (missing ${missing.join(", ")})`,
      ),
    };
  }
  const { state, nonce } = createState(PROVIDER, userId, now);
  return { redirect: authorizeUrl(a, redirectUri(), state), nonce, maxAgeS: STATE_TTL_MS / 1000 };
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
 * 400 (401 without a session). A refusal at Enphase goes back to Setup with a message; a granted code is
 * exchanged, the account's systems listed, and both kept encrypted as a pending grant for the user to choose.
 */
export async function completeEnphaseConnect(
  input: CallbackInput,
  opts: { now?: Date; ledger?: QuotaLedger | null } = {},
): Promise<ConnectOutcome> {
  const now = opts.now ?? new Date();
  const check = verifyState(input.state, { provider: PROVIDER, userId: input.userId, nonce: input.nonce, now });
  if (!check.ok) {
    if (check.reason === "wrong_user" && input.userId === null)
      throw new ApiError("UNAUTHORIZED", "Sign in to finish connecting Enphase");
    throw new ApiError("BAD_REQUEST", STATE_MESSAGES[check.reason], { reason: check.reason });
  }
  const userId = check.payload.userId;
  if (input.error) {
    const denied = input.error === "access_denied";
    const message = denied
      ? "Enphase access was not granted, so no system was added. Connect again and choose Allow to add your systems."
      : `Enphase did not complete the sign-in (${input.error}${input.errorDescription ? `: ${input.errorDescription}` : ""})`;
    return { redirect: setupError(denied ? "access_denied" : "oauth_error", message) };
  }
  if (!input.code)
    throw new ApiError("BAD_REQUEST", "The Enphase callback has no authorization code; start again from Setup");
  const { app: a, missing } = app();
  if (missing.length)
    return { redirect: setupError("not_configured", `Enphase is not configured (missing ${missing.join(", ")})`) };
  try {
    const tokens = await exchangeCode(a, input.code, redirectUri(), now);
    const client = new EnphaseClient({
      ...a,
      tokens,
      now,
      ledger: opts.ledger === undefined ? dbQuotaLedger : opts.ledger,
    });
    const { systems } = await client.systems();
    if (!systems.length) return { redirect: setupError("no_systems", "This Enphase account has no systems to add") };
    const pending = await createPending(userId, { tokens, sites: systems.map(toSite) }, now);
    return { redirect: `/setup?${new URLSearchParams({ vendor: PROVIDER, pending }).toString()}` };
  } catch (err) {
    if (!(err instanceof VendorError)) throw err;
    return { redirect: setupError(err.code.toLowerCase(), err.message) };
  }
}

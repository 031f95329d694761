import "server-only";
import { randomSecret } from "@/lib/crypto/secrets";
import { parseJsonText, readBody, vendorFetch } from "../http";
import { VendorError } from "../types";
import { tokensFromResponse, type EnphaseTokens } from "./tokens";

export const VENDOR = "Enphase";

/** What the token endpoint needs: the app's OAuth client and where Enlighten lives. */
export interface EnphaseApp {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The authorize URL a user is sent to (the callback gets `code` and `state`, or `error=access_denied`). */
export function authorizeUrl(
  app: Pick<EnphaseApp, "baseUrl" | "clientId">,
  redirectUri: string,
  state: string,
): string {
  const u = new URL(`${app.baseUrl}/oauth/authorize`);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", app.clientId);
  u.searchParams.set("redirect_uri", redirectUri);
  u.searchParams.set("state", state);
  return u.toString();
}

/** Exchanges an authorization code for a token pair (a new grant id ties the systems chosen from it together). */
export async function exchangeCode(
  app: EnphaseApp,
  code: string,
  redirectUri: string,
  now: Date,
): Promise<EnphaseTokens> {
  return tokenCall(app, { grant_type: "authorization_code", code, redirect_uri: redirectUri }, now, randomSecret(9));
}

/** Trades a refresh token for a new pair; Enphase rotates refresh tokens, so the old one stops working. */
export async function refreshTokens(app: EnphaseApp, tokens: EnphaseTokens, now: Date): Promise<EnphaseTokens> {
  return tokenCall(app, { grant_type: "refresh_token", refresh_token: tokens.refreshToken }, now, tokens.grant);
}

async function tokenCall(
  app: EnphaseApp,
  form: Record<string, string>,
  now: Date,
  grant: string | undefined,
): Promise<EnphaseTokens> {
  const secrets = [app.clientSecret, form.code, form.refresh_token].filter((s): s is string => Boolean(s));
  const res = await vendorFetch(`${app.baseUrl}/oauth/token`, {
    method: "POST",
    vendor: VENDOR,
    timeoutMs: app.timeoutMs,
    signal: app.signal,
    headers: {
      authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await readBody(res);
  const body = parseJsonText<Record<string, unknown>>(text, { vendor: VENDOR, where: res.where, redact: secrets });
  if (res.status === 200) {
    const tokens = tokensFromResponse(body, now.getTime(), grant);
    if (tokens) return tokens;
    throw new VendorError("BAD_RESPONSE", "Enphase token response lacks access_token, refresh_token or expires_in");
  }
  const code = typeof body?.error === "string" ? body.error : `HTTP ${res.status}`;
  const error = typeof body?.error_description === "string" ? `${code}: ${body.error_description.slice(0, 120)}` : code;
  if (res.status === 401 || code === "invalid_client" || code === "unauthorized") {
    throw new VendorError(
      "CONFIG",
      `Enphase refused this app's OAuth client (${error}): check ENPHASE_CLIENT_ID and ENPHASE_CLIENT_SECRET`,
      { status: res.status },
    );
  }
  if (code === "invalid_grant") {
    const what =
      form.grant_type === "refresh_token"
        ? "saved Enphase sign-in has expired or was revoked"
        : "sign-in code was not accepted";
    throw new VendorError("AUTH_FAILED", `The ${what} (${error}): connect Enphase again from Setup`, {
      status: res.status,
    });
  }
  throw new VendorError("HTTP_ERROR", `Enphase token endpoint answered HTTP ${res.status} (${error})`, {
    status: res.status,
  });
}

import "server-only";
import { randomSecret } from "@/lib/crypto/secrets";
import { parseJsonText, readBody, vendorFetch } from "../http";
import { VendorError } from "../types";
import { TESLA_SCOPES, tokensFromResponse, type TeslaTokens } from "./tokens";

export const VENDOR = "Tesla";

/** This deployment's Fleet API application: its OAuth client and where the auth, token and API hosts are. */
export interface TeslaApp {
  authUrl: string;
  tokenUrl: string;
  /** The regional API base new sign-ins are kept with (the token `audience`). */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The authorize URL (the callback gets `code` and `state`, or `error=access_denied`). */
export function authorizeUrl(app: Pick<TeslaApp, "authUrl" | "clientId">, redirectUri: string, state: string): string {
  const u = new URL(`${app.authUrl}/oauth2/v3/authorize`);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", app.clientId);
  u.searchParams.set("redirect_uri", redirectUri);
  u.searchParams.set("scope", TESLA_SCOPES.join(" "));
  u.searchParams.set("state", state);
  return u.toString();
}

/** Exchanges an authorization code for a token pair; a new grant id ties the systems chosen from it together. */
export async function exchangeCode(app: TeslaApp, code: string, redirectUri: string, now: Date): Promise<TeslaTokens> {
  return tokenCall(
    app,
    {
      grant_type: "authorization_code",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: redirectUri,
      audience: app.apiUrl,
    },
    now,
    { grant: randomSecret(9), baseUrl: app.apiUrl },
  );
}

/** Trades a refresh token for a new pair; the old refresh token stops working at once (single use). */
export async function refreshTokens(app: TeslaApp, tokens: TeslaTokens, now: Date): Promise<TeslaTokens> {
  return tokenCall(
    app,
    { grant_type: "refresh_token", client_id: app.clientId, refresh_token: tokens.refreshToken },
    now,
    tokens,
  );
}

async function tokenCall(
  app: TeslaApp,
  form: Record<string, string>,
  now: Date,
  prev: Partial<TeslaTokens>,
): Promise<TeslaTokens> {
  const secrets = [app.clientSecret, form.code, form.refresh_token].filter((s): s is string => Boolean(s));
  const res = await vendorFetch(`${app.tokenUrl}/oauth2/v3/token`, {
    method: "POST",
    vendor: VENDOR,
    timeoutMs: app.timeoutMs,
    signal: app.signal,
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form).toString(),
  });
  const text = await readBody(res);
  const body = parseJsonText<Record<string, unknown>>(text, { vendor: VENDOR, where: res.where, redact: secrets });
  if (res.status === 200) {
    const tokens = tokensFromResponse(body, now.getTime(), prev);
    if (tokens) return tokens;
    throw new VendorError("BAD_RESPONSE", "Tesla token response lacks access_token, refresh_token or expires_in");
  }
  const code = typeof body?.error === "string" ? body.error : `HTTP ${res.status}`;
  const error = typeof body?.error_description === "string" ? `${code}: ${body.error_description.slice(0, 120)}` : code;
  if (code === "invalid_client") {
    throw new VendorError(
      "CONFIG",
      `Tesla refused this app's OAuth client (${error}): check TESLA_CLIENT_ID and TESLA_CLIENT_SECRET`,
      { status: res.status },
    );
  }
  if (code === "invalid_grant" || res.status === 401 || res.status === 400) {
    const what =
      form.grant_type === "refresh_token"
        ? "saved Tesla sign-in was refused (expired, revoked, or its refresh token was already used)"
        : "sign-in code was not accepted";
    throw new VendorError("AUTH_FAILED", `The ${what} (${error}): connect Tesla again from Setup`, {
      status: res.status,
    });
  }
  throw new VendorError("HTTP_ERROR", `Tesla token endpoint answered HTTP ${res.status} (${error})`, {
    status: res.status,
  });
}

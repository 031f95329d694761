import "server-only";
import { randomBytes } from "node:crypto";
import * as cheerio from "cheerio";
import { CookieJar } from "tough-cookie";
import { readBody, readJson, vendorFetch, type VendorResponse } from "../http";
import { VendorError } from "../types";
import { createPkcePair } from "./pkce";

const VENDOR = "Mondo";
export const MONDO_CLIENT_ID = "platform.frontend";
export const MONDO_REDIRECT_URI = "https://platform.mondopower.com.au/signin-callback";
const SCOPE = "openid profile mondoapi offline_access";

export type MondoToken = {
  accessToken: string;
  /** When the token stops working (ms, our clock: now + expires_in). */
  expiresAtMs: number;
};

export interface MondoLoginOptions {
  identityUrl: string;
  email: string;
  password: string;
  now: Date;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The platform's own browser sign-in, scripted: login form (antiforgery token + cookie) → POST credentials →
 * authorize with a fresh PKCE pair (redirect not followed; its Location carries the code) → token exchange.
 */
export async function mondoLogin(o: MondoLoginOptions): Promise<MondoToken> {
  const jar = new CookieJar();
  const { verifier, challenge } = createPkcePair();
  const state = randomBytes(16).toString("base64url");
  const authorizeQuery = new URLSearchParams({
    client_id: MONDO_CLIENT_ID,
    response_type: "code",
    scope: SCOPE,
    code_challenge: challenge,
    code_challenge_method: "S256",
    redirect_uri: MONDO_REDIRECT_URI,
    state,
  });
  const returnUrl = `/connect/authorize?${authorizeQuery}`;
  const call = async (path: string, init: RequestInit = {}): Promise<VendorResponse> => {
    const url = `${o.identityUrl}${path}`;
    const cookie = jar.getCookieStringSync(url);
    const headers = new Headers(init.headers);
    if (cookie) headers.set("cookie", cookie);
    const res = await vendorFetch(url, {
      ...init,
      headers,
      redirect: "manual",
      vendor: VENDOR,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
    });
    for (const c of res.headers.getSetCookie()) jar.setCookieSync(c, url, { ignoreError: true });
    return res;
  };

  const page = await call(`/Account/Login?ReturnUrl=${encodeURIComponent(returnUrl)}`, {
    headers: { accept: "text/html" },
  });
  if (page.status !== 200) throw await unexpected(page, "the login page");
  const formToken = cheerio
    .load(await readBody(page))("input[name=__RequestVerificationToken]")
    .attr("value");
  if (!formToken) {
    throw new VendorError("BAD_RESPONSE", "Mondo's login page has no __RequestVerificationToken (the page changed?)");
  }

  const posted = await call("/Account/Login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams({
      Email: o.email,
      Password: o.password,
      RememberMe: "false",
      __RequestVerificationToken: formToken,
      ReturnUrl: returnUrl,
    }).toString(),
  });
  if (posted.status === 200) {
    const text = cheerio
      .load(await readBody(posted))(".validation-summary-errors, .text-danger")
      .text()
      .trim();
    throw new VendorError("AUTH_FAILED", `Mondo rejected the email or password (${text || "login form shown again"})`);
  }
  if (posted.status !== 302 && posted.status !== 303) throw await unexpected(posted, "the login");
  await posted.body?.cancel();

  const authorized = await call(`/connect/authorize?${authorizeQuery}`);
  const location = authorized.headers.get("location") ?? "";
  await authorized.body?.cancel();
  const code = codeFrom(location, state);
  if (!code) {
    if (/Account\/Login/i.test(location)) {
      throw new VendorError("AUTH_FAILED", "Mondo did not keep the sign-in (authorize sent us back to the login page)");
    }
    throw new VendorError("BAD_RESPONSE", `Mondo authorize returned HTTP ${authorized.status} without a code`, {
      status: authorized.status,
    });
  }

  const tokenRes = await call("/connect/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: MONDO_CLIENT_ID,
      code,
      redirect_uri: MONDO_REDIRECT_URI,
      code_verifier: verifier,
    }).toString(),
  });
  const body = await readJson<{ access_token?: unknown; expires_in?: unknown; error?: unknown }>(tokenRes, {
    redact: [o.password, code, verifier],
  });
  if (tokenRes.status !== 200 || typeof body.access_token !== "string" || !body.access_token) {
    throw new VendorError(
      "AUTH_FAILED",
      `Mondo token exchange failed (${String(body.error ?? `HTTP ${tokenRes.status}`)})`,
      {
        status: tokenRes.status,
      },
    );
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
  return { accessToken: body.access_token, expiresAtMs: o.now.getTime() + expiresIn * 1000 };
}

/** The `code` of an authorize redirect to our redirect URI, if its `state` is ours. */
function codeFrom(location: string, state: string): string | null {
  if (!location.startsWith(MONDO_REDIRECT_URI)) return null;
  const q = new URL(location).searchParams;
  return q.get("state") === state ? q.get("code") : null;
}

async function unexpected(res: VendorResponse, what: string): Promise<VendorError> {
  await res.body?.cancel().catch(() => undefined);
  return new VendorError("HTTP_ERROR", `Mondo answered HTTP ${res.status} for ${what} (${res.where})`, {
    status: res.status,
  });
}

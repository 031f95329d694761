import "server-only";
import { readCookie } from "@/lib/auth/local-session";
import { getEnv } from "@/lib/env";

const name = (provider: string) => `${provider}_oauth_nonce`;
/** Only the provider's auth routes need the cookie back. */
const path = (provider: string) => `/api/auth/${provider}`;

/** The Set-Cookie value binding an OAuth state to this browser: httpOnly, SameSite=Lax (sent on the redirect back). */
export function nonceCookie(provider: string, nonce: string, maxAgeS: number): string {
  const secure = getEnv().APP_URL.startsWith("https:") ? "; Secure" : "";
  return `${name(provider)}=${nonce}; Path=${path(provider)}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The Set-Cookie value that removes the nonce cookie (after the callback, used or not). */
export function clearNonceCookie(provider: string): string {
  return nonceCookie(provider, "", 0);
}

/** The nonce cookie of a request, if any. */
export function readNonceCookie(request: Request, provider: string): string | undefined {
  return readCookie(request.headers.get("cookie"), name(provider));
}

import { forbidden } from "@/lib/api/errors";
import { hasAppBearer } from "./bearer-header";

/** The host this request was addressed to (the proxy's forwarded host first, as on Vercel). */
function requestHost(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("host") || new URL(request.url).host).toLowerCase();
}

/**
 * False when a browser says the request came from another site (CSRF): Sec-Fetch-Site other than same-origin,
 * or an Origin whose host is not this request's host. Non-browser clients send neither and are allowed, and so
 * are API-token and share-link requests.
 */
export function isSameOriginRequest(request: Request): boolean {
  // Bearer secrets are not sent by the browser on its own (no CSRF), and such requests' cookies are ignored.
  if (hasAppBearer(request)) return true;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  try {
    return new URL(origin).host.toLowerCase() === requestHost(request);
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) or garbage
  }
}

/** Throws 403 for a cross-origin browser request (state-changing endpoints such as sign-in and sign-out). */
export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request)) throw forbidden("Cross-origin requests are not allowed here");
}

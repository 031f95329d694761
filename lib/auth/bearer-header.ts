// Edge-safe (the middleware uses it): no lib/db, no node: modules.
const APP_BEARER = /^Bearer ((?:sm|sh)_[A-Za-z0-9_-]{1,200})$/;

/** The API token (`sm_…`) or share-link secret (`sh_…`) of `Authorization: Bearer …`, or null. */
export function appBearerSecret(request: Request): string | null {
  return APP_BEARER.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
}

/** True when the request authenticates with an API token or share link rather than a session. */
export function hasAppBearer(request: Request): boolean {
  return appBearerSecret(request) !== null;
}

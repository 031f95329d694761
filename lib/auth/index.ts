export * from "./types";
export { requireAuth, requireAdmin, requireCronOrAdmin, requireSystemAccess, getSystemAccess } from "./require";
export { resolveBearer, type BearerOptions, type BearerCaller } from "./bearer";
export { requireUserOrToken } from "./require-token";
export { appBearerSecret, hasAppBearer } from "./bearer-header";
export { getUserFromRequest, isCronRequest, localCallerFromToken } from "./caller";
export {
  LOCAL_SESSION_COOKIE,
  LOCAL_SESSION_TTL_S,
  localSessionCookieOptions,
  signLocalSession,
  verifyLocalSession,
} from "./local-session";
// Page helpers (getPageUser, requirePageUser …) live in "@/lib/auth/page": they use next/navigation, which scripts
// and route-only code must not load.
export { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from "./redirect";
export { assertSameOrigin, isSameOriginRequest } from "./same-origin";

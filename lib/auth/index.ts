export * from "./types";
export { requireAuth, requireAdmin, requireCronOrAdmin, requireSystemAccess, getSystemAccess } from "./require";
export { getUserFromRequest, isCronRequest, localCallerFromToken } from "./caller";
export {
  LOCAL_SESSION_COOKIE,
  LOCAL_SESSION_TTL_S,
  localSessionCookieOptions,
  signLocalSession,
  verifyLocalSession,
} from "./local-session";
export { getPageUser, getPageUserProfile, requirePageUser, requirePageAdmin, signInUrl } from "./page";
export { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from "./redirect";
export { assertSameOrigin, isSameOriginRequest } from "./same-origin";

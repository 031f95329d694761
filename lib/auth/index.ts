export * from "./types";
export { requireAuth, requireAdmin, requireCronOrAdmin, requireSystemAccess, getSystemAccess } from "./require";
export { getUserFromRequest, isCronRequest } from "./caller";
export { LOCAL_SESSION_COOKIE, signLocalSession, verifyLocalSession } from "./local-session";

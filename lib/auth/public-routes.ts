/**
 * Routes middleware lets through without a session (path-to-regexp patterns for Clerk's createRouteMatcher).
 * Cron and push routes authenticate themselves (bearer secret, vendor key); everything else needs sign-in.
 */
export const PUBLIC_ROUTES = [
  "/",
  "/sign-in",
  "/sign-in/(.*)",
  "/api/auth/local/(.*)",
  "/api/cron/(.*)",
  "/api/push/(.*)",
  // A vendor sign-in's return (lib/systems/oauth-connect): it checks its signed state itself.
  "/api/auth/:vendor/callback",
  "/api/auth/clerk/webhook",
  // Share links (lib/tokens): the page checks the link itself and shows one dashboard, read only.
  "/s/(.*)",
  "/_next/(.*)",
  "/favicon.ico",
  "/robots.txt",
  "/manifest.webmanifest",
] as const;

// Static files served from public/ (the middleware matcher skips most; this covers direct calls and odd paths).
const STATIC_FILE = /\.(?:html?|css|js|mjs|map|jpe?g|webp|avif|png|gif|svg|ico|ttf|woff2?|txt|xml|webmanifest)$/i;

/** True for API paths: unauthenticated API calls get 401 JSON instead of a redirect. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** True for static asset paths outside /api. */
export function isStaticAssetPath(pathname: string): boolean {
  return !isApiPath(pathname) && STATIC_FILE.test(pathname);
}

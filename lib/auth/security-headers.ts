/** Inputs of the security headers: read at build time by next.config.ts (headers are baked into the build). */
export interface SecurityHeaderOptions {
  /** Clerk's publishable key when the build signs in with Clerk; its frontend API host is allowed. */
  clerkPublishableKey?: string;
  /** `next dev` needs eval (React Refresh) and a websocket for hot reload. */
  isDev?: boolean;
}

/** The Clerk frontend API origin encoded in a publishable key (`pk_live_<base64 "host$">`), or undefined. */
export function clerkFrontendApi(publishableKey: string | undefined): string | undefined {
  const encoded = /^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey ?? "")?.[1];
  if (!encoded) return undefined;
  const host = Buffer.from(encoded, "base64").toString("utf8").replace(/\$$/, "");
  return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined;
}

/**
 * The Content-Security-Policy the app works under. Next's App Router streams inline bootstrap scripts and
 * next-themes sets the theme inline before paint, so scripts need 'unsafe-inline' (no nonces: pages stay static).
 */
export function contentSecurityPolicy(opts: SecurityHeaderOptions = {}): string {
  const clerk = clerkFrontendApi(opts.clerkPublishableKey);
  // Clerk: its frontend API for clerk-js and sessions, Cloudflare Turnstile for bot protection, avatars from img.clerk.com.
  const clerkScripts = clerk ? [clerk, "https://challenges.cloudflare.com"] : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(opts.isDev ? ["'unsafe-eval'"] : []), ...clerkScripts],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...(clerk ? ["https://img.clerk.com"] : [])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(clerk ? [clerk] : []), ...(opts.isDev ? ["ws:", "wss:"] : [])],
    "frame-src": clerk ? ["'self'", "https://challenges.cloudflare.com"] : ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers for every response: CSP, frame denial, nosniff, referrer policy, and a Permissions-Policy. */
export function securityHeaders(opts: SecurityHeaderOptions = {}): Array<{ key: string; value: string }> {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
  ];
}

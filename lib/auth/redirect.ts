/** Where a signed-in user lands when no (valid) destination was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/**
 * A redirect target that can only stay on this site: a relative path starting with one "/".
 * Absolute URLs, protocol-relative `//host`, backslash tricks and control characters fall back to the default.
 */
export function safeRedirectPath(raw: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  // Browsers treat "\" like "/" and drop tabs/newlines, so "/\evil.com" or "/\t/evil.com" would leave the site.
  if (!raw.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(raw) || raw.startsWith("//")) return fallback;
  try {
    const base = "http://same.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Never bounce back to sign-in itself (a loop) or to the sign-in API.
    if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/") || url.pathname.startsWith("/api/auth/"))
      return fallback;
    return path;
  } catch {
    return fallback;
  }
}

import { jwtVerify, SignJWT } from "jose";

/** Name of the signed, httpOnly session cookie of local sign-in mode. */
export const LOCAL_SESSION_COOKIE = "solar_session";
/** Lifetime of a local session (cookie Max-Age and token expiry), in seconds: 7 days. */
export const LOCAL_SESSION_TTL_S = 7 * 24 * 3600;
const AUDIENCE = "solar-local";

export interface LocalSession {
  userId: string;
  /** The server-side session id (`sid` claim), looked up on every request; null in a token without one. */
  sessionId: string | null;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * Signs a local session token (HS256 JWT) for a user id carrying the server-side session id (`sid`). Edge-safe.
 * Only tokens whose session row exists authenticate a request (lib/auth/local-sessions.ts creates both).
 */
export async function signLocalSession(
  userId: string,
  secret: string,
  ttlS = LOCAL_SESSION_TTL_S,
  sessionId?: string,
): Promise<string> {
  return new SignJWT(sessionId ? { sid: sessionId } : {})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlS}s`)
    .setAudience(AUDIENCE)
    .sign(key(secret));
}

/**
 * Verifies a local session token's signature and expiry; null when missing, forged, signed with another secret or
 * expired. Middleware stops there (edge, no database); route handlers and pages also need the session row.
 */
export async function verifyLocalSession(token: string | undefined, secret: string): Promise<LocalSession | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: AUDIENCE, algorithms: ["HS256"] });
    if (!payload.sub) return null;
    return { userId: payload.sub, sessionId: typeof payload.sid === "string" && payload.sid ? payload.sid : null };
  } catch {
    return null;
  }
}

/** Attributes of the session cookie: httpOnly, SameSite=Lax, Path=/, 7 days, Secure in production. */
export function localSessionCookieOptions(secure: boolean, maxAge = LOCAL_SESSION_TTL_S) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge };
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

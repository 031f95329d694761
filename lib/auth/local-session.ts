import { jwtVerify, SignJWT } from "jose";

/** Name of the signed, httpOnly session cookie of local sign-in mode. */
export const LOCAL_SESSION_COOKIE = "solar_session";
/** Lifetime of a local session (cookie Max-Age and token expiry), in seconds: 7 days. */
export const LOCAL_SESSION_TTL_S = 7 * 24 * 3600;
const AUDIENCE = "solar-local";

export interface LocalSession {
  userId: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a local session token (HS256 JWT) for a user id. Edge-safe (used by middleware). */
export async function signLocalSession(userId: string, secret: string, ttlS = LOCAL_SESSION_TTL_S): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlS}s`)
    .setAudience(AUDIENCE)
    .sign(key(secret));
}

/** Verifies a local session token; null when missing, forged, signed with another secret or expired. */
export async function verifyLocalSession(token: string | undefined, secret: string): Promise<LocalSession | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: AUDIENCE, algorithms: ["HS256"] });
    return payload.sub ? { userId: payload.sub } : null;
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

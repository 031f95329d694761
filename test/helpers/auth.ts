import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { LOCAL_SESSION_COOKIE, signLocalSession } from "@/lib/auth/local-session";
import { createLocalSession } from "@/lib/auth/local-sessions";
import { getEnv, resetEnv } from "@/lib/env";

/**
 * A `Cookie` header value carrying a live local session for `userId`: a server-side session row in the suite's
 * database and its signed token. With `secret`, a token signed with another secret and no row (a forgery).
 */
export async function localSessionCookie(
  userId: string,
  opts: { secret?: string; ttlS?: number } = {},
): Promise<string> {
  if (opts.secret) return signedLocalSessionCookie(userId, opts);
  return `${LOCAL_SESSION_COOKIE}=${await createLocalSession(userId, opts.ttlS)}`;
}

/** A signed local session cookie with no session row behind it: what the edge middleware alone sees (no database). */
export async function signedLocalSessionCookie(
  userId: string,
  opts: { secret?: string; ttlS?: number } = {},
): Promise<string> {
  const token = await signLocalSession(userId, opts.secret ?? getEnv().LOCAL_AUTH_SECRET, opts.ttlS, "no-row");
  return `${LOCAL_SESSION_COOKIE}=${token}`;
}

/** A syntactically valid production publishable key (frontend API `clerk.example.com`); never contacted in tests. */
export const CLERK_TEST_PUBLISHABLE_KEY = `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`;
/** A placeholder secret key: with CLERK_JWT_KEY set, verification is networkless and never uses it. */
export const CLERK_TEST_SECRET_KEY = "sk_live_testsecretkeynotusedbecausejwtkeyisset0000";

export interface ClerkSessionTokenOptions {
  userId: string;
  /** Public metadata exposed as the `metadata` claim, e.g. `{ isPlatformAdmin: true }`. */
  metadata?: Record<string, unknown>;
  /** Extra claims (name, username, email …). */
  claims?: Record<string, unknown>;
  /** Seconds until expiry (negative for an already expired token); default 300. */
  expiresInS?: number;
}

export interface ClerkTestKeys {
  kid: string;
  /** SPKI PEM with real newlines: the value for CLERK_JWT_KEY. */
  publicKeyPem: string;
  privateKey: KeyObject;
  publishableKey: string;
  secretKey: string;
  /** Signs an RS256 session token shaped like Clerk's (sub, sid, iss, azp, iat, nbf, exp). */
  signClerkSessionToken(opts: ClerkSessionTokenOptions): Promise<string>;
}

/** A fresh RS256 key pair (2048-bit, e=65537 as Clerk's PEM loader expects); use for "wrong key" cases. */
export function generateClerkTestKeys(kid = `ins_test_${randomBytes(4).toString("hex")}`): ClerkTestKeys {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  return {
    kid,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey,
    publishableKey: CLERK_TEST_PUBLISHABLE_KEY,
    secretKey: CLERK_TEST_SECRET_KEY,
    async signClerkSessionToken({ userId, metadata, claims, expiresInS = 300 }) {
      const now = Math.floor(Date.now() / 1000);
      // Clerk rejects tokens issued in the future; back-date iat/nbf a little (and far for expired ones).
      const iat = Math.min(now - 2, now + expiresInS - 60);
      return new SignJWT({
        sid: "sess_test",
        azp: "http://localhost:3000",
        ...(metadata ? { metadata } : {}),
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setSubject(userId)
        .setIssuer("https://clerk.example.com")
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(now + expiresInS)
        .sign(privateKey);
    },
  };
}

let shared: ClerkTestKeys | undefined;

/** The process-wide Clerk test keys (Clerk caches the PEM-derived key per kid, so keep one CLERK_JWT_KEY). */
export function clerkTestKeys(): ClerkTestKeys {
  return (shared ??= generateClerkTestKeys("ins_test_shared"));
}

/** A `Cookie` header value for a Clerk session token: `__session` plus a `__client_uat` no later than its iat. */
export function clerkSessionCookie(token: string): string {
  const { iat = 0 } = decodeJwt(token);
  return `__client_uat=${iat}; __session=${token}`;
}

/** Switches getEnv() to Clerk mode with the test keys (networkless verification through CLERK_JWT_KEY). */
export function enableClerkMode(keys: ClerkTestKeys = clerkTestKeys()): void {
  process.env.AUTH_MODE = "clerk";
  process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = keys.publishableKey;
  process.env.CLERK_SECRET_KEY = keys.secretKey;
  process.env.CLERK_JWT_KEY = keys.publicKeyPem;
  resetEnv();
}

/** Switches getEnv() back to local sign-in mode. */
export function enableLocalMode(): void {
  for (const k of ["AUTH_MODE", "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "CLERK_JWT_KEY"]) {
    delete process.env[k];
  }
  resetEnv();
}

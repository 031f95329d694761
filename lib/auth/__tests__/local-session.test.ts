import { SignJWT } from "jose";
import {
  LOCAL_SESSION_TTL_S,
  localSessionCookieOptions,
  readCookie,
  signLocalSession,
  verifyLocalSession,
} from "@/lib/auth/local-session";

const SECRET = "test-secret-0123456789abcdef0123456789";
const key = new TextEncoder().encode(SECRET);

describe("local session tokens", () => {
  test("a signed token verifies to its user and server-side session id", async () => {
    const token = await signLocalSession("local-owner", SECRET, undefined, "sid-1");
    expect(await verifyLocalSession(token, SECRET)).toEqual({ userId: "local-owner", sessionId: "sid-1" });
    // A token without a session id verifies here (middleware), but no route handler accepts it (no session row).
    expect(await verifyLocalSession(await signLocalSession("local-owner", SECRET), SECRET)).toEqual({
      userId: "local-owner",
      sessionId: null,
    });
  });

  test.each<[string, () => Promise<string | undefined>]>([
    ["missing", async () => undefined],
    ["garbage", async () => "not-a-jwt"],
    ["another secret", () => signLocalSession("local-admin", "another-secret-0123456789abcdef012345")],
    ["expired", () => signLocalSession("local-owner", SECRET, -60)],
    [
      "tampered payload",
      async () => {
        const [h, , s] = (await signLocalSession("local-viewer", SECRET)).split(".");
        const payload = Buffer.from(JSON.stringify({ sub: "local-admin", aud: "solar-local" })).toString("base64url");
        return `${h}.${payload}.${s}`;
      },
    ],
    ["alg none", async () => `${b64({ alg: "none" })}.${b64({ sub: "local-admin", aud: "solar-local" })}.`],
    [
      "wrong audience",
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("x")
          .setAudience("other")
          .setExpirationTime("1h")
          .sign(key),
    ],
    [
      "no subject",
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setAudience("solar-local")
          .setExpirationTime("1h")
          .sign(key),
    ],
  ])("rejects a %s token", async (_label, make) => {
    expect(await verifyLocalSession(await make(), SECRET)).toBeNull();
  });

  test("the cookie is httpOnly, SameSite=Lax, Path=/, 7 days, Secure only when asked", () => {
    expect(localSessionCookieOptions(true)).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      maxAge: 7 * 24 * 3600,
    });
    expect(localSessionCookieOptions(false).secure).toBe(false);
    expect(LOCAL_SESSION_TTL_S).toBe(604800);
  });

  test("readCookie finds one cookie among many and survives bad encoding", () => {
    expect(readCookie("a=1; solar_session=abc.def; b=2", "solar_session")).toBe("abc.def");
    expect(readCookie("a=1", "solar_session")).toBeUndefined();
    expect(readCookie(null, "solar_session")).toBeUndefined();
    expect(readCookie("solar_session=%E0%A4%A", "solar_session")).toBeUndefined();
  });
});

function b64(obj: object): string {
  return Buffer.from(JSON.stringify(obj)).toString("base64url");
}

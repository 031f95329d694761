import { clerkFrontendApi, contentSecurityPolicy, securityHeaders } from "@/lib/auth/security-headers";

const pk = (host: string) => `pk_test_${Buffer.from(`${host}$`).toString("base64")}`;

describe("security headers", () => {
  it("sends frame denial, nosniff, referrer and permissions policies", () => {
    const h = Object.fromEntries(securityHeaders().map((x) => [x.key, x.value]));
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("allows Clerk's hosts only with a Clerk key, and eval only in development", () => {
    const local = contentSecurityPolicy();
    expect(local).not.toMatch(/clerk|cloudflare|unsafe-eval/);
    const clerk = contentSecurityPolicy({ clerkPublishableKey: pk("happy-cat-12.clerk.accounts.dev") });
    expect(clerk).toContain("script-src 'self' 'unsafe-inline' https://happy-cat-12.clerk.accounts.dev");
    expect(clerk).toContain("connect-src 'self' https://happy-cat-12.clerk.accounts.dev");
    expect(contentSecurityPolicy({ isDev: true })).toContain("'unsafe-eval'");
  });

  it("ignores a malformed publishable key", () => {
    expect(clerkFrontendApi("pk_live_" + Buffer.from("evil.com; script-src *$").toString("base64"))).toBeUndefined();
    expect(clerkFrontendApi("nonsense")).toBeUndefined();
    expect(clerkFrontendApi(pk("clerk.example.com"))).toBe("https://clerk.example.com");
  });
});

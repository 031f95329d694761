import { safeRedirectPath } from "@/lib/auth/redirect";

describe("safeRedirectPath", () => {
  test.each([
    ["/dashboard", "/dashboard"],
    ["/systems/home?range=7d#chart", "/systems/home?range=7d#chart"],
    ["/a/../admin", "/admin"],
  ])("keeps the same-site path %s", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });

  test.each([
    undefined,
    null,
    42,
    "",
    "dashboard",
    "https://evil.example/phish",
    "//evil.example/phish",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "/sign-in?redirect_url=/sign-in",
    "/sign-in/sso-callback",
    "/api/auth/local/sign-out",
    `/${"a".repeat(3000)}`,
  ])("neutralises %p to /dashboard", (raw) => {
    expect(safeRedirectPath(raw)).toBe("/dashboard");
  });

  test("uses the given fallback", () => {
    expect(safeRedirectPath("https://evil.example", "/")).toBe("/");
  });
});

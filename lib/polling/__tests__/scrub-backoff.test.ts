import { backoffMs, BACKOFF_MAX_MS } from "../backoff";
import { MAX_RESPONSE_CHARS, responseForSession, scrubSecrets } from "../scrub";

describe("scrubSecrets", () => {
  it("redacts secret-looking keys at any depth and bearer strings", () => {
    const input = {
      email: "a@b.c",
      pwd: "p",
      Password: "p",
      nested: {
        access_token: "t",
        refreshToken: "r",
        apiKey: "k",
        "Set-Cookie": ["c"],
        list: [{ client_secret: "s" }],
      },
      header: "Bearer abc.def",
      items: { solarinverter_w: 1842.6, battery_soc: 71.3 },
    };
    expect(scrubSecrets(input)).toEqual({
      email: "a@b.c",
      pwd: "[redacted]",
      Password: "[redacted]",
      nested: {
        access_token: "[redacted]",
        refreshToken: "[redacted]",
        apiKey: "[redacted]",
        "Set-Cookie": "[redacted]",
        list: [{ client_secret: "[redacted]" }],
      },
      header: "[redacted]",
      items: { solarinverter_w: 1842.6, battery_soc: 71.3 },
    });
  });

  it("caps the stored response and keeps it valid JSON", () => {
    const big = { data: "x".repeat(100_000), token: "secret" };
    const text = responseForSession(big)!;
    expect(text.length).toBeLessThanOrEqual(MAX_RESPONSE_CHARS);
    const parsed = JSON.parse(text);
    expect(parsed.truncated).toBe(true);
    expect(parsed.preview).not.toContain("secret");
    expect(responseForSession(undefined)).toBeNull();
  });
});

describe("backoffMs", () => {
  it.each([
    [1, undefined, 30_000],
    [2, undefined, 60_000],
    [3, undefined, 120_000],
    [7, undefined, BACKOFF_MAX_MS],
    [50, undefined, BACKOFF_MAX_MS],
    [1, 600_000, 600_000],
    [9, 5_000, 5_000],
    [1, 30 * 24 * 3600_000, 6 * 3600_000],
  ])("after %i errors with Retry-After %p → %i ms", (n, retry, want) => {
    expect(backoffMs(n, retry)).toBe(want);
  });
});

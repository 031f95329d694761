import { clearSkyPowerW, parseArraySizeW, sunAltitudeDeg } from "../daylight";
import { signWebhook, verifyWebhook } from "../signature";

describe("webhook signatures", () => {
  const body = JSON.stringify({ type: "alert.fired", alert: { id: 1 } });
  const now = 1_764_770_000_000;

  it("verify what was signed, over timestamp and body", () => {
    const sig = signWebhook("s3cret", now, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook("s3cret", String(now), sig, body, now + 1_000)).toBe(true);
  });

  it.each([
    ["another secret", "other", now, String(now), body],
    ["another body", "s3cret", now, String(now), `${body} `],
    ["another timestamp", "s3cret", now, String(now + 1), body],
    ["an old timestamp (signed with it)", "s3cret", now - 10 * 60_000, String(now - 10 * 60_000), body],
    ["no timestamp", "s3cret", now, "", body],
  ])("refuse %s", (_what, secret, signedAt, header, received) => {
    const sig = signWebhook("s3cret", signedAt, body);
    expect(verifyWebhook(secret, header, sig, received, now)).toBe(false);
  });
});

describe("daylight", () => {
  it("parses array ratings", () => {
    expect(parseArraySizeW("6.6 kW")).toBe(6600);
    expect(parseArraySizeW("6.6kWp")).toBe(6600);
    expect(parseArraySizeW("5000 W")).toBe(5000);
    expect(parseArraySizeW("big")).toBeNull();
    expect(parseArraySizeW(null)).toBeNull();
  });

  it("expects nothing with the sun down and most at noon", () => {
    // Melbourne, 1 June: noon local (02:00 UTC) vs 19:00 local (09:00 UTC).
    const noon = sunAltitudeDeg(Date.UTC(2025, 5, 1, 2), -37.8, 144.9);
    const evening = sunAltitudeDeg(Date.UTC(2025, 5, 1, 9), -37.8, 144.9);
    expect(noon).toBeGreaterThan(25);
    expect(evening).toBeLessThan(0);
    expect(clearSkyPowerW(5000, evening)).toBe(0);
    expect(clearSkyPowerW(5000, 90)).toBe(3750);
  });
});

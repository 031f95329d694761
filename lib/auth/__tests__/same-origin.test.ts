import { isSameOriginRequest } from "@/lib/auth/same-origin";

const post = (headers: Record<string, string>, url = "http://localhost:3000/api/auth/local/sign-in") =>
  new Request(url, { method: "POST", headers });

describe("isSameOriginRequest", () => {
  test.each<[string, Record<string, string>, boolean]>([
    ["no browser headers (curl, server-to-server)", {}, true],
    ["same Origin", { origin: "http://localhost:3000", host: "localhost:3000" }, true],
    ["same Origin behind a proxy", { origin: "https://solar.example", "x-forwarded-host": "solar.example" }, true],
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }, true],
    ["other Origin", { origin: "https://evil.example", host: "localhost:3000" }, false],
    ["other port", { origin: "http://localhost:4000", host: "localhost:3000" }, false],
    ["Origin null", { origin: "null", host: "localhost:3000" }, false],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, false],
    ["Sec-Fetch-Site same-site (sibling subdomain)", { "sec-fetch-site": "same-site" }, false],
    [
      "cross-site even with a matching Origin",
      { "sec-fetch-site": "cross-site", origin: "http://localhost:3000", host: "localhost:3000" },
      false,
    ],
  ])("%s → %p", (_label, headers, expected) => {
    expect(isSameOriginRequest(post(headers))).toBe(expected);
  });
});

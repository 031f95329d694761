import { describeUrl, excerpt, parseJsonText, parseRetryAfter } from "../http";
import { VendorError } from "../types";

describe("vendor http helpers", () => {
  it.each([
    ["30", 30_000],
    ["0", 0],
    ["1.5", 1_500],
    ["Sat, 21 Nov 2026 10:00:30 GMT", 30_000],
    ["Sat, 21 Nov 2026 09:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("parses Retry-After %p", (header, expected) => {
    expect(parseRetryAfter(header, Date.parse("2026-11-21T10:00:00Z"))).toBe(expected);
  });

  it("masks secrets and shortens excerpts", () => {
    const body = '{"access_token":"abc.def","password":"hunter2", "note":"the key is s3cr3t"}  \n\n' + "x".repeat(500);
    const e = excerpt(body, 120, ["s3cr3t"]);
    expect(e).not.toContain("abc.def");
    expect(e).not.toContain("hunter2");
    expect(e).not.toContain("s3cr3t");
    expect(e.length).toBeLessThanOrEqual(121);
    expect(excerpt("Authorization: Bearer eyJhbGciOi.x.y")).toBe("Authorization: Bearer ***");
    expect(excerpt("sent Bearer eyJhbGciOi.x.y")).toBe("sent Bearer ***");
    expect(excerpt("https://x/api?api_key=K123&x=1")).toBe("https://x/api?api_key=***&x=1");
  });

  it("describes URLs without query strings or credentials", () => {
    expect(describeUrl("https://user:pw@monitoringapi.solaredge.com/site/1/overview?api_key=SECRET")).toBe(
      "monitoringapi.solaredge.com/site/1/overview",
    );
  });

  it("turns malformed JSON into BAD_RESPONSE with a redacted excerpt", () => {
    expect(parseJsonText('{"a":1}', { vendor: "acme" })).toEqual({ a: 1 });
    let err: unknown;
    try {
      parseJsonText('{"pwd":"hunter2", "items": {', { vendor: "acme", where: "acme.test/data", redact: ["hunter2"] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VendorError);
    expect((err as VendorError).code).toBe("BAD_RESPONSE");
    expect((err as VendorError).message).toContain("acme.test/data");
    expect(JSON.stringify([(err as VendorError).message, (err as VendorError).options])).not.toContain("hunter2");
  });
});

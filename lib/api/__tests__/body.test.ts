import { z } from "zod";
import { ApiError } from "../errors";
import { parseBody, readJsonBody, withRoute } from "../with-route";
import { failureOf } from "@/test/helpers/vendor-errors";

const post = (body: string | null, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  new Request("http://localhost/api/x", { method: "POST", body, headers });

const failure = (p: Promise<unknown>) => failureOf(p, ApiError);

describe("readJsonBody: bad input gets a clear 4xx and nothing of it back", () => {
  it.each([
    ["JSON with its type", post('{"a":1}'), { a: 1 }],
    [
      "a +json type with a charset",
      post('{"a":1}', { "Content-Type": "application/merge-patch+json; charset=utf-8" }),
      { a: 1 },
    ],
  ])("reads %s", async (_what, request, expected) => {
    await expect(readJsonBody(request)).resolves.toEqual(expected);
  });

  it.each([
    ["no Content-Type", post('{"a":1}', {}), 415],
    ["text/plain", post('{"a":1}', { "Content-Type": "text/plain" }), 415],
    ["a form", post("a=1", { "Content-Type": "application/x-www-form-urlencoded" }), 415],
    ["malformed JSON", post("{a:"), 400],
    ["an empty body", post(""), 400],
    [
      "a declared length over the limit",
      post("{}", { "Content-Type": "application/json", "Content-Length": "70000" }),
      413,
    ],
    ["a body over the limit", post(JSON.stringify({ name: "x".repeat(70_000) })), 413],
  ])("refuses %s", async (_what, request, status) => {
    const err = await failure(readJsonBody(request));
    expect(err.status).toBe(status);
    expect(err.message.length).toBeLessThan(120);
  });

  it("takes a per-route limit and an empty default", async () => {
    expect((await failure(readJsonBody(post('{"a":"12345"}'), { maxBytes: 8 }))).status).toBe(413);
    await expect(readJsonBody(post(""), { empty: {} })).resolves.toEqual({});
  });
});

describe("zod errors never echo the input", () => {
  const schema = z.object({ kind: z.enum(["a", "b"]), name: z.string().max(10) });

  it("answers 400 without the sent values, once", async () => {
    const huge = "Z".repeat(5000);
    const err = await failure(parseBody(post(JSON.stringify({ kind: huge, name: huge })), schema));
    expect(err.status).toBe(400);
    const text = JSON.stringify({ message: err.message, details: err.details });
    expect(text).not.toContain("ZZZZZZZZZZ");
    expect(text.length).toBeLessThan(800);
  });
});

describe("withRoute answers", () => {
  it("mark JSON per caller: private, no-store (values and errors)", async () => {
    const ok = await withRoute(async () => ({ a: 1 }))(new Request("http://localhost/"), {});
    const bad = await withRoute(async () => {
      throw new ApiError("NOT_FOUND", "Not found");
    })(new Request("http://localhost/"), {});
    const own = await withRoute(async () => Response.json({ a: 1 }))(new Request("http://localhost/"), {});
    for (const res of [ok, bad, own]) expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  });
});

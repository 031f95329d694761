import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readJson, vendorFetch } from "../http";
import { VendorError, type VendorErrorCode } from "../types";
import { vendorFailure } from "@/test/helpers/vendor-errors";

let server: Server;
let url: string;
const sockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/hang") return; // never answers
    if (path === "/ok") return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    if (path === "/bad-json") return void res.writeHead(200).end("<html>oops token=abc</html>");
    if (path === "/429") return void res.writeHead(429, { "retry-after": "30" }).end();
    if (path === "/429-date") {
      return void res.writeHead(429, { "retry-after": new Date(Date.now() + 120_000).toUTCString() }).end();
    }
    if (path === "/503") return void res.writeHead(503).end("down for maintenance");
    if (path === "/404") return void res.writeHead(404).end("nope");
    if (path === "/slow-body") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
      return; // the body never finishes
    }
    res.writeHead(500).end();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const failure = vendorFailure;

describe("vendorFetch", () => {
  it("returns successful and 4xx responses for the adapter to judge", async () => {
    const res = await vendorFetch(`${url}/ok`, { vendor: "acme", timeoutMs: 2_000 });
    expect(await readJson(res)).toEqual({ ok: true });
    expect((await vendorFetch(`${url}/404`, { vendor: "acme", timeoutMs: 2_000 })).status).toBe(404);
  });

  it.each<[string, VendorErrorCode, number | undefined]>([
    ["/429", "RATE_LIMITED", 30_000],
    ["/503", "HTTP_ERROR", undefined],
    ["/500", "HTTP_ERROR", undefined],
  ])("maps %s to %s", async (path, code, retryAfterMs) => {
    const err = await failure(vendorFetch(`${url}${path}?api_key=SECRET`, { vendor: "acme", timeoutMs: 2_000 }));
    expect(err.code).toBe(code);
    if (retryAfterMs !== undefined) expect(err.options.retryAfterMs).toBe(retryAfterMs);
    if (code === "HTTP_ERROR") expect(err.options.status).toBe(Number(path.slice(1)));
    expect(err.message).not.toContain("SECRET");
  });

  it("reads Retry-After given as an HTTP date", async () => {
    const err = await failure(vendorFetch(`${url}/429-date`, { vendor: "acme", timeoutMs: 2_000 }));
    expect(err.options.retryAfterMs).toBeGreaterThan(100_000);
    expect(err.options.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it("times out slow headers and slow bodies", async () => {
    const t0 = Date.now();
    const err = await failure(vendorFetch(`${url}/hang`, { vendor: "acme", timeoutMs: 150 }));
    expect(err.code).toBe("TIMEOUT");
    expect(err.message).toContain("150 ms");
    expect(Date.now() - t0).toBeLessThan(2_000);
    const res = await vendorFetch(`${url}/slow-body`, { vendor: "acme", timeoutMs: 200 });
    expect((await failure(readJson(res))).code).toBe("TIMEOUT");
  });

  it("maps a caller abort to TIMEOUT and keeps a VendorError given as the abort reason", async () => {
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(new VendorError("TIMEOUT", "poll budget used up")), 50);
    const err = await failure(vendorFetch(`${url}/hang`, { vendor: "acme", timeoutMs: 5_000, signal: ctrl.signal }));
    expect(err.code).toBe("TIMEOUT");
    expect(err.message).toBe("poll budget used up");
  });

  it("maps connection failures to NETWORK and malformed JSON to BAD_RESPONSE", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await failure(vendorFetch(`http://127.0.0.1:${port}/x`, { vendor: "acme", timeoutMs: 2_000 }));
    expect(err.code).toBe("NETWORK");
    expect(err.message).toContain(`127.0.0.1:${port}/x`);
    const bad = await failure(readJson(await vendorFetch(`${url}/bad-json`, { vendor: "acme", timeoutMs: 2_000 })));
    expect(bad.code).toBe("BAD_RESPONSE");
    expect(bad.message).toContain("<html>oops");
    expect(bad.message).not.toContain("abc");
  });
});

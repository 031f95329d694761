import type { VendorStats } from "../control";
import { startEmulators, type RunningEmulators } from "../server";

const T = Date.parse("2025-12-15T02:30:00Z");
let emu: RunningEmulators;

const post = (path: string, body: unknown) =>
  fetch(`${emu.url}${path}`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    json: (await r.json()) as Record<string, unknown>,
  }));
const login = (email = "demo@example.com", pwd = "demo-password") =>
  fetch(`${emu.urls.selectronic}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, pwd }).toString(),
    redirect: "manual",
  });

beforeAll(async () => {
  emu = await startEmulators({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

describe("emulator control API", () => {
  it("sets and clears the virtual clock", async () => {
    expect((await post("/__control/clock", { timeMs: T })).json).toEqual({ timeMs: T, virtual: true });
    expect(emu.control.now()).toBe(T);
    const cleared = await post("/__control/clock", { timeMs: null });
    expect(cleared.json.virtual).toBe(false);
    expect(Math.abs((cleared.json.timeMs as number) - Date.now())).toBeLessThan(5_000);
    expect((await post("/__control/clock", { timeMs: "soon" })).status).toBe(400);
  });

  it("applies a mode to the requests it affects, for `count` requests, then reverts to ok", async () => {
    expect((await post("/__control/mode", { vendor: "selectronic", mode: "server_error", count: 2 })).status).toBe(200);
    expect((await login()).status).toBe(500);
    expect((await login()).status).toBe(500);
    expect((await login()).status).toBe(302);
    await post("/__control/mode", { vendor: "selectronic", mode: "rate_limit" });
    const limited = await login();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect((await post("/__control/mode", { vendor: "selectronic", mode: "nope" })).status).toBe(400);
    expect((await post("/__control/mode", { vendor: "acme", mode: "ok" })).status).toBe(400);
  });

  it("applies a per-site mode only to that site", async () => {
    emu.control.setClock(T);
    emu.control.setMode({ vendor: "selectronic", mode: "maintenance", siteId: "1002" });
    const cookie = (await login()).headers.get("set-cookie")!.split(";")[0];
    const get = (n: string) =>
      fetch(`${emu.urls.selectronic}/dashboard/hfdata/${n}`, { headers: { cookie, accept: "application/json" } });
    expect((await get("1001")).status).toBe(200);
    expect((await get("1002")).status).toBe(503);
  });

  it("counts requests and logins per vendor, site and account", async () => {
    emu.control.setClock(T);
    const cookie = (await login()).headers.get("set-cookie")!.split(";")[0];
    await login("demo@example.com", "wrong");
    for (let i = 0; i < 3; i++) {
      await fetch(`${emu.urls.selectronic}/dashboard/hfdata/1001`, { headers: { cookie, accept: "application/json" } });
    }
    const stats = (await (await fetch(`${emu.url}/__control/stats`)).json()) as Record<string, VendorStats>;
    expect(stats.selectronic).toMatchObject({
      requests: 5,
      logins: 1,
      loginFailures: 1,
      byKind: { login: 2, data: 3, page: 0 },
      sites: { "1001": { requests: 3 } },
      accounts: { "demo@example.com": 1 },
    });
  });

  it("serves the simulator's truth for a site and time", async () => {
    const res = await fetch(`${emu.url}/__control/truth/selectronic/1001?timeMs=${T}`);
    const truth = (await res.json()) as {
      timeMs: number;
      loadW: number;
      solarW: number;
      batteryW: number;
      gridW: number;
    };
    expect(truth.timeMs).toBe(T);
    expect(truth.loadW).toBeCloseTo(truth.solarW + truth.batteryW + truth.gridW, 6);
    expect((await fetch(`${emu.url}/__control/truth/selectronic/4242`)).status).toBe(404);
  });

  it("holds a timeout-mode request open until the client gives up, and still closes", async () => {
    const own = await startEmulators({ port: 0 });
    own.control.setMode({ vendor: "selectronic", mode: "timeout" });
    const started = Date.now();
    await expect(
      fetch(`${own.urls.selectronic}/login`, { method: "POST", signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const pending = fetch(`${own.urls.selectronic}/login`, { method: "POST" }).catch(() => "dropped");
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    expect(await pending).toBe("dropped");
  });

  it("delays responses by latencyMs with timers, so thousands of requests overlap", async () => {
    const own = await startEmulators({ port: 0, latencyMs: 300 });
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, () => fetch(`${own.urls.selectronic}/login`).then((r) => r.status)),
    );
    const elapsed = Date.now() - started;
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    // One after another they would take 300 s; overlapping, one delay plus the machine's time to serve them.
    expect(elapsed).toBeLessThan(60_000);
    await own.close();
  });
});

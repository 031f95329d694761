import { startEmulators, type RunningEmulators } from "../server";
import { SESSION_IDLE_MS } from "../select-live/emulator";
import type { SimState } from "../sim";

// 2025-12-15 13:30 AEDT: daytime in Melbourne.
const T = Date.parse("2025-12-15T02:30:00Z");
let emu: RunningEmulators;
let base: string;

async function login(email = "demo@example.com", pwd = "demo-password"): Promise<Response> {
  return fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, pwd }).toString(),
    redirect: "manual",
  });
}
async function session(email?: string, pwd?: string): Promise<string> {
  return (await login(email, pwd)).headers.get("set-cookie")!.split(";")[0];
}
const hfdata = (n: string, cookie?: string) =>
  fetch(`${base}/dashboard/hfdata/${n}`, { headers: { accept: "application/json", ...(cookie ? { cookie } : {}) } });

beforeAll(async () => {
  emu = await startEmulators({ port: 0 });
  base = emu.urls.selectronic;
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.setClock(T);
});

describe("select.live emulator", () => {
  it("logs in with a 302 to the dashboard and a session cookie", async () => {
    const res = await login();
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/dashboard");
    expect(res.headers.get("set-cookie")).toMatch(/^session=[0-9a-f]+; Path=\//);
  });

  it("answers bad credentials (and bad_credentials mode) with the portal's error page", async () => {
    for (const res of [await login("demo@example.com", "nope"), await login("who@example.com", "x")]) {
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Bad email address or password");
    }
    emu.control.setMode({ vendor: "selectronic", mode: "bad_credentials", count: 1 });
    expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(302);
  });

  it("serves hfdata from the simulator, with the *_wh_* fields in kWh", async () => {
    const res = await hfdata("1001", await session());
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Record<string, number> };
    const truth = emu.control.truth("selectronic", "1001", T) as SimState;
    expect(items.timestamp).toBe(T / 1000);
    expect(items.solarinverter_w).toBeCloseTo(truth.solarRemoteW, 1);
    expect(items.shunt_w).toBeCloseTo(truth.solarLocalW, 1);
    expect(items.battery_w).toBeCloseTo(truth.batteryW, 1);
    expect(items.grid_w).toBeCloseTo(truth.gridW, 1);
    expect(items.battery_soc).toBeCloseTo(truth.socPct, 1);
    expect(items.solar_wh_total).toBeCloseTo(truth.counters.solarWh / 1000, 2);
    expect(items.grid_out_wh_total).toBeCloseTo(truth.counters.gridOutWh / 1000, 2);
    expect(items.solar_wh_today).toBeGreaterThan(0);
    expect(items.solar_wh_today).toBeLessThan(150); // kWh today, not Wh
    for (const k of ["fault_code", "fault_ts", "gen_status", "load_wh_total", "battery_in_wh_total"]) {
      expect(typeof items[k]).toBe("number");
    }
  });

  it("refuses hfdata without a session (401) and for a system the account does not own (404)", async () => {
    expect((await hfdata("1001")).status).toBe(401);
    expect((await hfdata("1001", "session=forged")).status).toBe(401);
    const cookie = await session();
    expect((await hfdata("1003", cookie)).status).toBe(404);
    expect((await hfdata("4242", cookie)).status).toBe(404);
  });

  it("expires a session after 30 idle minutes of the virtual clock", async () => {
    const cookie = await session();
    emu.control.setClock(T + SESSION_IDLE_MS - 60_000);
    expect((await hfdata("1001", cookie)).status).toBe(200); // used: the idle timer restarts
    emu.control.setClock(T + 2 * SESSION_IDLE_MS - 60_000);
    expect((await hfdata("1001", cookie)).status).toBe(200);
    emu.control.setClock(T + 3 * SESSION_IDLE_MS);
    expect((await hfdata("1001", cookie)).status).toBe(401);
  });

  it("acts out expired_session, malformed_json and empty_data on data calls", async () => {
    const cookie = await session();
    emu.control.setMode({ vendor: "selectronic", mode: "malformed_json", count: 1 });
    await expect((await hfdata("1001", cookie)).json()).rejects.toThrow();
    emu.control.setMode({ vendor: "selectronic", mode: "empty_data", count: 1 });
    expect(await (await hfdata("1001", cookie)).json()).toEqual({ items: {} });
    emu.control.setMode({ vendor: "selectronic", mode: "expired_session" });
    expect((await hfdata("1001", cookie)).status).toBe(401);
    expect((await hfdata("1001", cookie)).status).toBe(401); // the session is gone for good
    expect((await hfdata("1001", await session())).status).toBe(200);
  });

  it("lists the account's systems and shows each system's nameplate", async () => {
    const cookie = await session();
    const dash = await (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
    expect(dash).toContain('<select name="system"');
    expect(dash).toContain('<option value="1001">Melbourne Home</option>');
    expect(dash).toContain('<option value="1002">Adelaide Home</option>');
    const page = await (await fetch(`${base}/dashboard/1001`, { headers: { cookie } })).text();
    for (const label of ["SP PRO Model:", "SP PRO Serial:", "SP PRO Ratings:", "Solar Size:", "Battery Size:"]) {
      expect(page).toContain(label);
    }
    expect(page).toContain("40.0 kWh");
    const redirect = await fetch(`${base}/dashboard`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
  });

  it("has every 9xxxxx system under the bench account, deterministic per number", async () => {
    const cookie = await session("bench@example.com", "bench");
    const a = (await (await hfdata("912345", cookie)).json()) as { items: Record<string, number> };
    const b = (await (await hfdata("912345", cookie)).json()) as { items: Record<string, number> };
    expect(a.items).toEqual(b.items);
    expect((await hfdata("1001", cookie)).status).toBe(404);
  });
});

import { seedCostsHome } from "@/lib/costs/__tests__/route-fixture";
import { call, params } from "@/lib/systems/__tests__/request";
import { localDay } from "@/lib/time/zones";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { PUT } from "../bill/route";
import { GET } from "../route";

let t: TestDb;
let home: number;
const zone = "Australia/Melbourne";
const yesterday = localDay(Date.now() - 86_400_000, zone);
const ctx = () => params({ system: String(home) });
const get = (query: string, user = "viewer") => call(GET, `/api/systems/${home}/costs?${query}`, ctx(), { user });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  home = (
    await seedCostsHome(t.db, zone, yesterday, [
      {
        name: "Flat",
        effectiveFrom: "2020-01-01",
        supply: { centsPerDay: 100 },
        import: { kind: "flat", centsPerKwh: 30 },
      },
    ])
  ).id;
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]/costs", () => {
  it("gives a viewer yesterday's costs and their intervals", async () => {
    const res = await get(`period=day&from=${yesterday}&to=${yesterday}&intervals=1`);
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ key: yesterday, supplyCents: 100, importCents: expect.closeTo(216, 6) });
    expect(res.body.intervals).toHaveLength(res.body.rows[0].intervals);
    expect(res.body.methods.solarNoBattery).toMatch(/surplus is exported/);
  });

  it("answers CSV with whole cents", async () => {
    const res = await GET(
      new Request(`http://localhost/api/systems/${home}/costs?period=day&from=${yesterday}&format=csv`, {
        headers: { cookie: await localSessionCookie("viewer"), host: "localhost" },
      }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const [header, line] = (await res.text()).split("\r\n");
    expect(header).toMatch(/^period,key,start,end,currency,import_cents,export_credit_cents/);
    expect(line.split(",").slice(0, 7)).toEqual(["day", yesterday, yesterday, expect.any(String), "AUD", "216", "0"]);
  });

  it.each([
    ["period=week", /period must be day, month, year or bill/],
    ["period=day&from=2026-13-45x", /from must be a local date/],
    ["period=month&intervals=1", /intervals=1 needs period=day/],
    ["period=day&extra=%3Cscript%3E", /extra|Unrecognized/],
  ])("refuses %s with 400 and no echo", async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain("<script>");
  });
});

describe("PUT /api/systems/[system]/costs/bill", () => {
  const put = (body: unknown, user: string) =>
    call(PUT, `/api/systems/${home}/costs/bill`, ctx(), { method: "PUT", user, body });
  const start = `${yesterday.slice(0, 7)}-01`;

  it("lets the owner enter the actual bill; the bill estimate shows it and the difference", async () => {
    expect((await put({ periodStart: start, amountCents: 12345 }, "owner")).status).toBe(200);
    const res = await get("period=bill");
    expect(res.status).toBe(200);
    if (res.body.bill.start === start) {
      expect(res.body.bill.actualCents).toBe(12345);
      // Days of the period without data make the estimate unknown, and so the difference (never a made-up 0).
      const { projectedNetCents, differenceCents } = res.body.bill;
      expect(differenceCents).toEqual(projectedNetCents === null ? null : expect.closeTo(12345 - projectedNetCents, 6));
    }
  });

  it("refuses a viewer (403), a day that does not start a period and a fractional amount (400)", async () => {
    expect((await put({ periodStart: start, amountCents: 1 }, "viewer")).status).toBe(403);
    expect((await put({ periodStart: `${start.slice(0, 8)}02`, amountCents: 1 }, "owner")).status).toBe(400);
    expect((await put({ periodStart: start, amountCents: 1.5 }, "owner")).status).toBe(400);
  });
});

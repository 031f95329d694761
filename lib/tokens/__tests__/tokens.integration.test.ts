import { resetEnv } from "@/lib/env";
import { enableLocalMode, localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { registerTestVendor } from "@/test/helpers/test-vendor";
import { seedFixtures, type Fixtures } from "@/test/authz/fixtures";
import * as tokensRoute from "@/app/api/me/tokens/route";
import * as tokenRoute from "@/app/api/me/tokens/[id]/route";
import * as energyRoute from "@/app/api/systems/[system]/energy/route";
import * as metricsRoute from "@/app/api/metrics/route";
import * as linksRoute from "@/app/api/systems/[system]/share-links/route";
import * as linkRoute from "@/app/api/systems/[system]/share-links/[linkId]/route";
import * as latestRoute from "@/app/api/data/latest/route";

let testDb: TestDb;
let fx: Fixtures;
let owner: string;
registerTestVendor();

beforeAll(async () => {
  testDb = await createTestDb();
  enableLocalMode();
  fx = await seedFixtures(testDb.db);
  owner = await localSessionCookie("local-owner");
});
afterAll(() => testDb.cleanup());
afterEach(() => {
  delete process.env.API_TOKEN_RATE_LIMIT_PER_MIN;
  resetEnv();
});

const url = (path: string) => `http://localhost:3000${path}`;
const json = (body: unknown, headers: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const sys = () => ({ params: Promise.resolve({ system: String(fx.home) }) });

async function createToken(body: Record<string, unknown>) {
  const res = await tokensRoute.POST(new Request(url("/api/me/tokens"), json(body, { cookie: owner })), {});
  return { status: res.status, body: (await res.json()) as { token: { id: number; token: string } } };
}

const energy = (secret: string) =>
  energyRoute.GET(
    new Request(url(`/api/systems/${fx.home}/energy?period=month`), { headers: { authorization: `Bearer ${secret}` } }),
    sys(),
  );

test("a token is shown once, stored hashed, reads energy, records its use and stops when revoked", async () => {
  const created = await createToken({
    name: "Home Assistant",
    scopes: ["energy:read"],
    systemIds: [fx.home],
    expiresInDays: 30,
  });
  expect(created.status).toBe(201);
  const secret = created.body.token.token;
  expect(secret).toMatch(/^sm_[A-Za-z0-9_-]{43}$/);
  const stored = await testDb.db.$client.execute(
    "SELECT token_hash, last_used_at FROM api_tokens WHERE name = 'Home Assistant'",
  );
  expect(stored.rows[0].token_hash).not.toContain(secret.slice(3, 20));
  expect(stored.rows[0].last_used_at).toBeNull();

  const listed = await tokensRoute.GET(new Request(url("/api/me/tokens"), { headers: { cookie: owner } }), {});
  expect(JSON.stringify(await listed.json())).not.toContain(secret);

  const res = await energy(secret);
  expect(res.status).toBe(200);
  expect(res.headers.get("RateLimit-Limit")).toBe("120");
  expect(res.headers.get("set-cookie")).toBeNull();
  const used = await testDb.db.$client.execute("SELECT last_used_at FROM api_tokens WHERE name = 'Home Assistant'");
  expect(Number(used.rows[0].last_used_at)).toBeGreaterThan(0);

  // A token cannot manage tokens.
  const byToken = await tokensRoute.GET(
    new Request(url("/api/me/tokens"), { headers: { authorization: `Bearer ${secret}` } }),
    {},
  );
  expect(byToken.status).toBe(401);

  const del = await tokenRoute.DELETE(
    new Request(url(`/api/me/tokens/${created.body.token.id}`), { method: "DELETE", headers: { cookie: owner } }),
    {
      params: Promise.resolve({ id: String(created.body.token.id) }),
    },
  );
  expect(del.status).toBe(200);
  expect((await energy(secret)).status).toBe(401);
});

test("bad input is refused without creating anything", async () => {
  for (const body of [
    { name: "x", scopes: ["admin:all"], expiresInDays: 30 },
    { name: "x", scopes: [], expiresInDays: 30 },
    { name: "x", scopes: ["data:read"], expiresInDays: 0 },
    { name: "x\u0000y", scopes: ["data:read"], expiresInDays: 3 },
    { name: "x", scopes: ["data:read"], systemIds: [fx.strangersOwn], expiresInDays: 3 },
  ]) {
    expect((await createToken(body)).status).toBe(400);
  }
  const rows = await testDb.db.$client.execute("SELECT count(*) AS n FROM api_tokens WHERE name LIKE 'x%'");
  expect(Number(rows.rows[0].n)).toBe(0);
});

test("past its per-minute limit a token gets 429 with Retry-After and RateLimit headers", async () => {
  process.env.API_TOKEN_RATE_LIMIT_PER_MIN = "2";
  resetEnv();
  const { body } = await createToken({ name: "Scraper", scopes: ["energy:read"], expiresInDays: 1 });
  expect((await energy(body.token.token)).status).toBe(200);
  const second = await energy(body.token.token);
  expect(second.headers.get("RateLimit-Remaining")).toBe("0");
  const third = await energy(body.token.token);
  expect(third.status).toBe(429);
  expect(Number(third.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(third.headers.get("RateLimit-Limit")).toBe("2");
  expect(third.headers.get("RateLimit-Remaining")).toBe("0");
  expect(Number(third.headers.get("RateLimit-Reset"))).toBeLessThanOrEqual(60);
});

test("the metrics endpoint answers in the Prometheus text format to a data:read token only", async () => {
  const read = await createToken({ name: "Prometheus", scopes: ["data:read"], expiresInDays: 1 });
  const res = await metricsRoute.GET(
    new Request(url("/api/metrics"), { headers: { authorization: `Bearer ${read.body.token.token}` } }),
    {},
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const energyOnly = await createToken({ name: "Energy", scopes: ["energy:read"], expiresInDays: 1 });
  const refused = await metricsRoute.GET(
    new Request(url("/api/metrics"), { headers: { authorization: `Bearer ${energyOnly.body.token.token}` } }),
    {},
  );
  expect(refused.status).toBe(403);
});

test("a share link reads its system's data until revoked, and nothing of another system", async () => {
  const res = await linksRoute.POST(
    new Request(url(`/api/systems/${fx.home}/share-links`), json({ expiresInDays: 7 }, { cookie: owner })),
    sys(),
  );
  expect(res.status).toBe(201);
  const { link } = (await res.json()) as { link: { id: number; token: string; path: string } };
  expect(link.path).toBe(`/s/${link.token}`);
  const latest = (ref: number) =>
    latestRoute.GET(
      new Request(url(`/api/data/latest?systemId=${ref}`), { headers: { authorization: `Bearer ${link.token}` } }),
      {},
    );
  expect((await latest(fx.home)).status).toBe(200);
  expect((await latest(fx.cabin)).status).toBe(404);
  const del = await linkRoute.DELETE(
    new Request(url(`/api/systems/${fx.home}/share-links/${link.id}`), {
      method: "DELETE",
      headers: { cookie: owner },
    }),
    { params: Promise.resolve({ system: String(fx.home), linkId: String(link.id) }) },
  );
  expect(del.status).toBe(200);
  expect((await latest(fx.home)).status).toBe(401);
});

test("a platform admin's token has no admin powers: another user's system is 404", async () => {
  const admin = await localSessionCookie("local-admin");
  const res = await tokensRoute.POST(
    new Request(
      url("/api/me/tokens"),
      json({ name: "Admin", scopes: ["energy:read"], expiresInDays: 1 }, { cookie: admin }),
    ),
    {},
  );
  const { token } = (await res.json()) as { token: { token: string } };
  expect((await energy(token.token)).status).toBe(404);
});

test("a disabled person's token stops at once, like their sessions, and works again once they are enabled", async () => {
  const created = await createToken({ name: "script", scopes: ["energy:read"], expiresInDays: 30 });
  const secret = created.body.token.token;
  expect((await energy(secret)).status).toBe(200);
  await testDb.db.$client.execute({
    sql: "UPDATE users SET disabled_at = ? WHERE id = 'local-owner'",
    args: [Date.now()],
  });
  try {
    expect((await energy(secret)).status).toBe(401);
  } finally {
    await testDb.db.$client.execute("UPDATE users SET disabled_at = NULL WHERE id = 'local-owner'");
  }
  expect((await energy(secret)).status).toBe(200);
});

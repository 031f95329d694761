/**
 * THE authorization matrix: every API route × every kind of caller → expected status, in local and Clerk mode.
 * A route file with no row here fails the suite: add a row when you add a route (docs/access.md explains how).
 * "ok" = 2xx; "allowed" = anything but 401/403/404/500 (cells whose success path reaches outside parts).
 */
import { randomBytes } from "node:crypto";
import { resetEnv } from "@/lib/env";
import { enableClerkMode, enableLocalMode } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { registerTestVendor } from "@/test/helpers/test-vendor";
import {
  authHeaders,
  BEARER_WHO,
  resetFixtures,
  seedFixtures,
  WHO,
  type Fixtures,
  type Mode,
  type Who,
} from "../fixtures";
import { discoverApiRoutes, fillPath, METHODS, type Method } from "../routes";

type Expect = number | "ok" | "allowed";
type Cells = Record<Who, Expect>;
interface Spec {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}
interface Row {
  cells: Cells;
  /** Clerk-mode differences. */
  clerk?: Partial<Cells>;
  request?: (fx: Fixtures) => Spec;
  /** Cookie-authenticated mutations must refuse a cross-site browser request (403), made as `crossOriginAs`. */
  crossOrigin?: { as: Who; expect: Expect };
}

const cells = (base: Cells, over: Partial<Cells> = {}): Cells => ({ ...base, ...over });
// API tokens and share links are refused (401) wherever a route does not let them in (lib/auth/bearer.ts).
const NO_BEARER = Object.fromEntries(BEARER_WHO.map((w) => [w, 401])) as Partial<Cells>;
/** A route that lets a token with its scope in: a token without it is 403, one for another system 404. */
const BY_TOKEN: Partial<Cells> = { token: "ok", tokenNoScope: 403, tokenOther: 404 };
/** …and the share link of the system (the dashboard's own data requests). */
const BY_TOKEN_OR_LINK: Partial<Cells> = { ...BY_TOKEN, share: "ok" };
/** A list of the caller's systems: a token for another system still gets its list. */
const LIST_BY_TOKEN: Partial<Cells> = { ...BY_TOKEN, tokenOther: "ok" };
const ADMIN_ONLY: Cells = {
  ...(NO_BEARER as Cells),
  anonymous: 401,
  stranger: 403,
  viewer: 403,
  sysadmin: 403,
  owner: 403,
  platform: "ok",
  cron: 401,
  wrongCron: 401,
};
const CRON_OR_ADMIN = cells(ADMIN_ONLY, { cron: "ok" });
const READ: Cells = {
  ...(NO_BEARER as Cells),
  anonymous: 401,
  stranger: 404,
  viewer: "ok",
  sysadmin: "ok",
  owner: "ok",
  platform: "ok",
  cron: 401,
  wrongCron: 401,
};
const WRITE = cells(READ, { viewer: 403 });
const OWNER_ONLY = cells(READ, { viewer: 403, sysadmin: 403 });
const SIGNED_IN: Cells = { ...READ, stranger: "ok" };
// Auth passes, then the empty body is refused (400): proves the gate without creating anything.
const SIGNED_IN_BAD_BODY: Cells = { ...READ, stranger: 400, viewer: 400, sysadmin: 400, owner: 400, platform: 400 };
// Public routes ignore a bearer secret: tokens get what anyone gets.
const EVERYONE = Object.fromEntries(WHO.map((w) => [w, "ok"])) as Cells;
const NOBODY_IN_CLERK = Object.fromEntries(WHO.map((w) => [w, 404])) as Partial<Cells>;
const INVITEE_ONLY: Cells = {
  ...(NO_BEARER as Cells),
  anonymous: 401,
  stranger: "ok",
  viewer: 403,
  sysadmin: 403,
  owner: 403,
  platform: 403,
  cron: 401,
  wrongCron: 401,
};
const sys = (fx: Fixtures) => ({ systemId: String(fx.home) });
const xo = (as: Who = "platform") => ({ as, expect: 403 as Expect });

const TABLE: Record<string, Row> = {
  "POST /api/auth/local/sign-in": {
    cells: EVERYONE,
    clerk: NOBODY_IN_CLERK,
    request: () => ({ body: { userId: "local-viewer" } }),
    crossOrigin: xo("anonymous"),
  },
  "POST /api/auth/local/sign-out": { cells: EVERYONE, clerk: NOBODY_IN_CLERK, crossOrigin: xo("viewer") },
  // Signed by Clerk (svix), never by a session or the cron secret: unsigned requests are 401 for everyone.
  "POST /api/auth/clerk/webhook": {
    cells: cells(EVERYONE, Object.fromEntries(WHO.map((w) => [w, 401]))),
    request: () => ({ body: { type: "user.deleted", data: { id: "local-owner" } } }),
  },
  // Public (the vendor redirects the browser here); a state we did not sign gets the same answer for everyone.
  "GET /api/auth/[vendor]/callback": {
    cells: Object.fromEntries(WHO.map((w) => [w, 400])) as Cells,
    request: () => ({ params: { vendor: "enphase" }, query: { state: "forged.state", code: "abc" } }),
  },
  "GET /api/auth/[vendor]/connect": {
    request: () => ({ params: { vendor: "enphase" } }),
    cells: {
      ...SIGNED_IN,
      stranger: "allowed",
      viewer: "allowed",
      sysadmin: "allowed",
      owner: "allowed",
      platform: "allowed",
    },
  },
  "GET /api/auth/[vendor]/systems": { cells: SIGNED_IN_BAD_BODY, request: () => ({ params: { vendor: "enphase" } }) },
  "POST /api/auth/[vendor]/systems": {
    cells: SIGNED_IN_BAD_BODY,
    request: () => ({ params: { vendor: "enphase" }, body: {} }),
    crossOrigin: xo("stranger"),
  },
  "GET /api/cron/cleanup": { cells: CRON_OR_ADMIN },
  "POST /api/cron/cleanup": { cells: CRON_OR_ADMIN },
  "GET /api/cron/alerts": { cells: CRON_OR_ADMIN },
  "POST /api/cron/alerts": { cells: CRON_OR_ADMIN },
  "GET /api/cron/daily": { cells: CRON_OR_ADMIN },
  "POST /api/cron/daily": { cells: CRON_OR_ADMIN },
  "GET /api/cron/poll": { cells: CRON_OR_ADMIN },
  "POST /api/cron/poll": { cells: CRON_OR_ADMIN },
  "GET /api/data/latest": {
    cells: cells(READ, BY_TOKEN_OR_LINK),
    request: (fx) => ({ query: { systemId: String(fx.home) } }),
  },
  "GET /api/data/historical": {
    cells: cells(READ, BY_TOKEN_OR_LINK),
    request: (fx) => ({ query: { systemIds: String(fx.home), pointKeys: "source.solar/power", range: "24H" } }),
  },
  "GET /api/vendors": { cells: SIGNED_IN },
  "POST /api/test-connection": {
    cells: SIGNED_IN_BAD_BODY,
    request: () => ({ body: {} }),
    crossOrigin: xo("stranger"),
  },
  "GET /api/systems": { cells: cells(SIGNED_IN, LIST_BY_TOKEN) },
  "GET /api/metrics": { cells: cells(SIGNED_IN, LIST_BY_TOKEN) },
  // API tokens: cookie sign-in only (a token cannot mint or list tokens). DELETE names the owner's live token.
  "GET /api/me/tokens": { cells: SIGNED_IN },
  "POST /api/me/tokens": { cells: SIGNED_IN_BAD_BODY, request: () => ({ body: {} }), crossOrigin: xo("owner") },
  "DELETE /api/me/tokens/[id]": {
    cells: cells(SIGNED_IN, { stranger: 404, viewer: 404, sysadmin: 404, platform: 404 }),
    request: (fx) => ({ params: { id: String(fx.tokenId) } }),
    crossOrigin: xo("owner"),
  },
  // Share links: the system's writers, signed in. DELETE names home's live link.
  "GET /api/systems/[system]/share-links": { cells: WRITE, request: (fx) => ({ params: { system: String(fx.home) } }) },
  "POST /api/systems/[system]/share-links": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/share-links/[linkId]": {
    cells: WRITE,
    request: (fx) => ({ params: { system: String(fx.home), linkId: String(fx.shareLinkId) } }),
    crossOrigin: xo("owner"),
  },
  // Anyone signed in gets an archive of the systems they own (a stranger's holds none).
  "GET /api/me/export": { cells: SIGNED_IN, request: () => ({ query: { levels: "daily" } }) },
  "POST /api/systems": { cells: SIGNED_IN_BAD_BODY, request: () => ({ body: {} }), crossOrigin: xo("stranger") },
  "GET /api/systems/[system]": {
    cells: cells(READ, BY_TOKEN),
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  "PATCH /api/systems/[system]": {
    cells: cells(WRITE, BY_TOKEN),
    request: (fx) => ({ params: { system: String(fx.home) }, body: { displayName: "Renamed" } }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]": {
    cells: OWNER_ONLY,
    request: (fx) => ({ params: { system: String(fx.home) } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/points": {
    cells: cells(READ, BY_TOKEN),
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  "GET /api/systems/[system]/energy": {
    cells: cells(READ, BY_TOKEN_OR_LINK),
    request: (fx) => ({ params: { system: String(fx.home) }, query: { period: "month" } }),
  },
  "PATCH /api/systems/[system]/points/[pointId]": {
    cells: cells(WRITE, BY_TOKEN),
    request: (fx) => ({ params: { system: String(fx.home), pointId: "1" }, body: { displayName: "Roof" } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/export": {
    cells: cells(READ, BY_TOKEN),
    request: (fx) => ({
      params: { system: String(fx.home) },
      query: { level: "daily", from: "2026-01-01", to: "2026-01-02", format: "csv" },
    }),
  },
  "GET /api/systems/[system]/backfill": {
    cells: OWNER_ONLY,
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  // The owner passes the gate and gets the empty body refused (400): proves the gate without starting a job.
  "POST /api/systems/[system]/backfill": {
    cells: cells(OWNER_ONLY, { owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/backfill": {
    cells: OWNER_ONLY,
    request: (fx) => ({ params: { system: String(fx.home) } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/costs": {
    cells: cells(READ, BY_TOKEN_OR_LINK),
    request: (fx) => ({ params: { system: String(fx.home) }, query: { period: "month" } }),
  },
  "GET /api/systems/[system]/costs/compare": {
    cells: READ,
    request: (fx) => ({ params: { system: String(fx.home) }, query: { months: "1" } }),
  },
  "GET /api/systems/[system]/costs/carbon-region": {
    cells: READ,
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  // Writers pass the gate and get the empty body refused (400): proves the gate without changing the region.
  "PUT /api/systems/[system]/costs/carbon-region": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  // Writers pass the gate and get the empty body refused (400): proves the gate without writing a bill.
  "PUT /api/systems/[system]/costs/bill": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/tariffs": { cells: READ, request: (fx) => ({ params: { system: String(fx.home) } }) },
  "GET /api/systems/[system]/charging-sessions": {
    cells: cells(READ, BY_TOKEN_OR_LINK),
    request: (fx) => ({ params: { system: String(fx.home) }, query: { from: "2026-01-01", to: "2026-01-31" } }),
  },
  // Writers pass the gate and get the empty plan refused (400): proves the gate without creating anything.
  "POST /api/systems/[system]/tariffs": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  // The fixture has no tariff plan: readers (writers for DELETE) get the route's own "Tariff plan not found" 404
  // after the gate; the viewer's 403 on PUT and DELETE shows the write gate. CRUD itself: tariffs/__tests__.
  "GET /api/systems/[system]/tariffs/[planId]": {
    cells: cells(READ, { viewer: 404, sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), planId: "1" } }),
  },
  "PUT /api/systems/[system]/tariffs/[planId]": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home), planId: "1" }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/tariffs/[planId]": {
    cells: cells(WRITE, { sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), planId: "1" } }),
    crossOrigin: xo("owner"),
  },
  // Alerts (lib/alerts). The fixture has no alert, so readers (writers for POST) get the route's own "Alert not
  // found" 404 after the gate; writers get the empty rule or channel refused (400); a rule or channel that does not
  // exist is the route's 404 after the write gate. Behaviour: app/api/systems/[system]/alerts/__tests__.
  "GET /api/alerts": { cells: SIGNED_IN },
  // A person's own quiet hours: anyone signed in, for themselves only (the empty body is refused after the gate).
  "GET /api/alerts/settings": { cells: SIGNED_IN },
  "PUT /api/alerts/settings": {
    cells: SIGNED_IN_BAD_BODY,
    request: () => ({ body: {} }),
    crossOrigin: xo("stranger"),
  },
  // Fleet (vendor outage) alerts: platform admins only; the fixture has none, so theirs is the route's 404.
  "POST /api/alerts/[alertId]": {
    cells: cells(ADMIN_ONLY, { platform: 404 }),
    request: () => ({ params: { alertId: "999999" }, body: { action: "acknowledge" } }),
    crossOrigin: xo(),
  },
  "GET /api/systems/[system]/alerts": { cells: READ, request: (fx) => ({ params: { system: String(fx.home) } }) },
  "GET /api/systems/[system]/alerts/[alertId]": {
    cells: cells(READ, { viewer: 404, sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), alertId: "999999" } }),
  },
  "POST /api/systems/[system]/alerts/[alertId]": {
    cells: cells(WRITE, { sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), alertId: "999999" }, body: { action: "acknowledge" } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/alert-rules": { cells: READ, request: (fx) => ({ params: { system: String(fx.home) } }) },
  "POST /api/systems/[system]/alert-rules": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "PATCH /api/systems/[system]/alert-rules/[ruleId]": {
    cells: cells(WRITE, { sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), ruleId: "999999" }, body: { enabled: true } }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/alert-rules/[ruleId]": {
    cells: cells(WRITE, { sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), ruleId: "999999" } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/systems/[system]/alert-channels": {
    cells: WRITE,
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  "POST /api/systems/[system]/alert-channels": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/alert-channels/[channelId]": {
    cells: cells(WRITE, { sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home), channelId: "999999" } }),
    crossOrigin: xo("owner"),
  },
  "PUT /api/systems/[system]/maintenance": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  // Owners, the system's admins and platform admins poll it (200), then meet the once-a-minute limit (429): both
  // prove the gate. Viewers 403. Behaviour: app/api/systems/[system]/refresh/__tests__.
  "POST /api/systems/[system]/refresh": {
    cells: cells(WRITE, { sysadmin: "allowed", owner: "allowed", platform: "allowed" }),
    request: (fx) => ({ params: { system: String(fx.home) } }),
    crossOrigin: xo("owner"),
  },
  // The fixture has no composite, so readers get the route's own "Composite not found" 404 after the read gate.
  // TODO(composites owner): seed a composite in test/authz/fixtures.ts and expect "ok" for readers.
  "GET /api/composites/[system]": {
    cells: cells(READ, { viewer: 404, sysadmin: 404, owner: 404, platform: 404 }),
    request: (fx) => ({ params: { system: String(fx.home) } }),
  },
  "PATCH /api/composites/[system]": {
    cells: cells(WRITE, { sysadmin: 400, owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) }, body: {} }),
    crossOrigin: xo("owner"),
  },
  "POST /api/composites": { cells: SIGNED_IN_BAD_BODY, request: () => ({ body: {} }), crossOrigin: xo("stranger") },
  "GET /api/composites/candidates": { cells: SIGNED_IN },
  // Authenticated by the push secret in the body only: sessions and the cron secret do not help.
  "POST /api/push/[vendor]": {
    cells: Object.fromEntries(WHO.map((w) => [w, 401])) as Cells,
    request: () => ({
      params: { vendor: "fronius" },
      body: { action: "test", apiKey: "not-a-real-push-secret-0123456789" },
    }),
  },
  // Owner-only; the fixture system is not a push vendor, so allowed callers get the route's 400 after the gate.
  "POST /api/systems/[system]/push-key": {
    cells: cells(OWNER_ONLY, { owner: 400, platform: 400 }),
    request: (fx) => ({ params: { system: String(fx.home) } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/admin/systems": { cells: ADMIN_ONLY },
  "PATCH /api/admin/systems/[systemId]": {
    cells: ADMIN_ONLY,
    request: (fx) => ({ params: sys(fx), body: { status: "disabled" } }),
    crossOrigin: xo(),
  },
  "POST /api/admin/systems/[systemId]/poll": {
    cells: ADMIN_ONLY,
    request: (fx) => ({ params: sys(fx) }),
    crossOrigin: xo(),
  },
  "POST /api/admin/systems/[systemId]/test": {
    cells: ADMIN_ONLY,
    request: (fx) => ({ params: sys(fx) }),
    crossOrigin: xo(),
  },
  "GET /api/admin/sessions": { cells: ADMIN_ONLY, request: (fx) => ({ query: { systemId: String(fx.home) } }) },
  "GET /api/admin/sessions/[sessionId]": {
    cells: ADMIN_ONLY,
    request: (fx) => ({ params: { sessionId: String(fx.sessionId) } }),
  },
  "GET /api/admin/users": { cells: ADMIN_ONLY },
  // Enabling an enabled user: the gate without changing the fixture. Behaviour: app/api/admin/users/__tests__.
  "PATCH /api/admin/users/[userId]": {
    cells: ADMIN_ONLY,
    request: () => ({ params: { userId: "local-viewer" }, body: { disabled: false } }),
    crossOrigin: xo(),
  },
  "GET /api/admin/storage": { cells: ADMIN_ONLY },
  "GET /api/admin/retention": { cells: ADMIN_ONLY },
  "GET /api/admin/health": { cells: ADMIN_ONLY },
  "POST /api/admin/aggregation": {
    cells: ADMIN_ONLY,
    request: (fx) => ({ body: { systemId: fx.home, from: "2024-03-01", to: "2024-03-02" } }),
    crossOrigin: xo(),
  },
  "GET /api/systems/[system]/access": { cells: OWNER_ONLY, request: (fx) => ({ params: { system: String(fx.home) } }) },
  "POST /api/systems/[system]/access": {
    cells: OWNER_ONLY,
    request: (fx) => ({
      params: { system: String(fx.home) },
      body: { handle: "stranger@example.com", role: "viewer" },
    }),
    crossOrigin: xo("owner"),
  },
  "PATCH /api/systems/[system]/access": {
    cells: OWNER_ONLY,
    request: (fx) => ({ params: { system: String(fx.home) }, body: { userId: "local-viewer", role: "admin" } }),
    crossOrigin: xo("owner"),
  },
  "DELETE /api/systems/[system]/access": {
    cells: OWNER_ONLY,
    request: (fx) => ({ params: { system: String(fx.home) }, body: { userId: "local-viewer" } }),
    crossOrigin: xo("owner"),
  },
  "GET /api/invitations/[token]": { cells: INVITEE_ONLY, request: (fx) => ({ params: { token: fx.inviteToken } }) },
  "POST /api/invitations/[token]": {
    cells: INVITEE_ONLY,
    request: (fx) => ({ params: { token: fx.inviteToken }, body: { action: "accept" } }),
    crossOrigin: xo("stranger"),
  },
};

const routes = discoverApiRoutes();
const implemented: Array<{ key: string; path: string; method: Method; file: string }> = [];
for (const r of routes) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(r.file) as Record<string, unknown>;
  for (const m of METHODS)
    if (typeof mod[m] === "function")
      implemented.push({ key: `${m} ${r.path}`, path: r.path, method: m, file: r.file });
}

let testDb: TestDb;
let fx: Fixtures;
registerTestVendor();

beforeAll(async () => {
  testDb = await createTestDb();
  process.env.CLERK_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
  process.env.API_TOKEN_RATE_LIMIT_PER_MIN = "100000";
  resetEnv();
  fx = await seedFixtures(testDb.db);
});
afterAll(() => {
  delete process.env.CLERK_WEBHOOK_SECRET;
  delete process.env.API_TOKEN_RATE_LIMIT_PER_MIN;
  enableLocalMode();
  testDb.cleanup();
});

async function call(
  route: (typeof implemented)[number],
  who: Who,
  mode: Mode,
  extraHeaders: Record<string, string> = {},
): Promise<number> {
  await resetFixtures(testDb.db, fx);
  const spec = TABLE[route.key].request?.(fx) ?? {};
  const url = new URL(fillPath(route.path, spec.params ?? {}), "http://localhost:3000");
  for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(await authHeaders(who, mode, fx)), ...extraHeaders };
  if (spec.body !== undefined) headers["content-type"] = "application/json";
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handler = (require(route.file) as Record<string, (r: Request, c: unknown) => Promise<Response>>)[route.method];
  const res = await handler(new Request(url, { method: route.method, headers, body }), {
    params: Promise.resolve(spec.params ?? {}),
  });
  return res.status;
}

function matches(status: number, expected: Expect): boolean {
  if (expected === "ok") return status >= 200 && status < 300;
  if (expected === "allowed") return ![401, 403, 404, 500].includes(status);
  return status === expected;
}

test("every API route and method has a row, and every row a route", () => {
  const keys = new Set(implemented.map((r) => r.key));
  expect(
    implemented.filter((r) => !TABLE[r.key]).map((r) => `${r.key} has no row in the authorization matrix`),
  ).toEqual([]);
  expect(
    Object.keys(TABLE)
      .filter((k) => !keys.has(k))
      .map((k) => `${k} is in the matrix but not implemented`),
  ).toEqual([]);
});

describe.each<Mode>(["local", "clerk"])("%s mode", (mode) => {
  beforeAll(() => (mode === "clerk" ? enableClerkMode() : enableLocalMode()));

  test.each(implemented.filter((r) => TABLE[r.key]).map((r) => [r.key, r] as const))("%s", async (_key, route) => {
    const row = TABLE[route.key];
    const expected = { ...row.cells, ...(mode === "clerk" ? row.clerk : {}) };
    const wrong: string[] = [];
    for (const who of WHO) {
      const status = await call(route, who, mode);
      if (!matches(status, expected[who])) wrong.push(`${who}: got ${status}, expected ${expected[who]}`);
    }
    if (row.crossOrigin && !(mode === "clerk" && row.clerk?.[row.crossOrigin.as] === 404)) {
      const status = await call(route, row.crossOrigin.as, mode, {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      });
      if (!matches(status, row.crossOrigin.expect)) wrong.push(`cross-origin ${row.crossOrigin.as}: got ${status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe.each<Mode>(["local", "clerk"])("no existence leak (%s mode)", (mode) => {
  beforeAll(() => (mode === "clerk" ? enableClerkMode() : enableLocalMode()));

  async function answer(path: string, who: Who, params: Record<string, string>, query: Record<string, string> = {}) {
    const route = implemented.find((r) => r.key === `GET ${path}`);
    if (!route) throw new Error(`GET ${path} is not implemented`);
    const url = new URL(fillPath(path, params), "http://localhost:3000");
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handler = (require(route.file) as Record<string, (r: Request, c: unknown) => Promise<Response>>).GET;
    const res = await handler(new Request(url, { headers: await authHeaders(who, mode, fx) }), {
      params: Promise.resolve(params),
    });
    return { status: res.status, body: await res.text() };
  }

  // A stranger asking by id, by the owner's alias or by the vendor's site number gets exactly what a made-up
  // reference gets; so does a viewer whose shared system was removed.
  type Args = (ref: string) => [Record<string, string>, Record<string, string>];
  test.each<[string, Args]>([
    ["/api/data/latest", (ref) => [{}, { systemId: ref }]],
    ["/api/systems/[system]", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/access", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/tariffs", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/charging-sessions", (ref) => [{ system: ref }, {}]],
    [
      "/api/systems/[system]/export",
      (ref) => [{ system: ref }, { level: "5m", from: "2026-01-01", to: "2026-01-02", format: "csv" }],
    ],
    ["/api/systems/[system]/alerts", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/alert-rules", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/alert-channels", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/costs", (ref) => [{ system: ref }, { period: "month" }]],
    ["/api/systems/[system]/costs/compare", (ref) => [{ system: ref }, { months: "1" }]],
    ["/api/systems/[system]/costs/carbon-region", (ref) => [{ system: ref }, {}]],
    ["/api/systems/[system]/backfill", (ref) => [{ system: ref }, {}]],
  ])("%s", async (path, args) => {
    const unknownId = await answer(path, "stranger", ...args("987654321"));
    const unknownAlias = await answer(path, "stranger", ...args("nosuchalias"));
    expect(unknownId.status).toBe(404);
    expect(unknownAlias).toEqual(unknownId);
    for (const ref of [String(fx.home), "home", fx.homeSiteId, String(fx.removed)]) {
      expect({ ref, ...(await answer(path, "stranger", ...args(ref))) }).toEqual({ ref, ...unknownId });
    }
    expect(await answer(path, "viewer", ...args(String(fx.removed)))).toEqual(unknownId);
    expect(await answer(path, "viewer", ...args("old"))).toEqual(unknownId);
  });

  // A token or share link asking for a system outside its reach gets what a made-up reference gets.
  test.each<[string, Args]>([
    ["/api/data/latest", (ref) => [{}, { systemId: ref }]],
    ["/api/systems/[system]/energy", (ref) => [{ system: ref }, { period: "month" }]],
    ["/api/systems/[system]/costs", (ref) => [{ system: ref }, { period: "month" }]],
    ["/api/systems/[system]/charging-sessions", (ref) => [{ system: ref }, {}]],
  ])("bearer: %s", async (path, args) => {
    const unknown = await answer(path, "token", ...args("987654321"));
    expect(unknown.status).toBe(404);
    for (const ref of [String(fx.home), "home", String(fx.removed)]) {
      expect({ ref, ...(await answer(path, "tokenOther", ...args(ref))) }).toEqual({ ref, ...unknown });
    }
    for (const ref of [String(fx.strangersOwn), String(fx.cabin), "home", "987654321"]) {
      expect({ ref, ...(await answer(path, "share", ...args(ref))) }).toEqual({ ref, ...unknown });
    }
  });
});

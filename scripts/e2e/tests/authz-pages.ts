/*
 * Page authorization over HTTP against the running demo-like stack: every page route × {anonymous, viewer,
 * owner, admin} (the demo's viewer doubles as the stranger of the system not shared with them). A page file
 * with no row fails, so new pages must be added here. Streamed pages may answer 200 with Next's redirect or
 * not-found digest in the body instead of a 3xx/404 status; both forms are accepted.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";

type Who = "anonymous" | "viewer" | "owner" | "admin";
type PageExpect = "ok" | "not-found" | "sign-in" | "forbidden" | "dashboard" | "ok-or-dashboard" | "ok-or-not-found";
interface Ids {
  home: number;
  beach: number;
}
interface PageRow {
  url: (ids: Ids) => string;
  expect: Partial<Record<Who, PageExpect>>;
}

const USERS: Record<Exclude<Who, "anonymous">, string> = {
  viewer: "local-viewer",
  owner: "local-owner",
  admin: "local-admin",
};

const SIGNED_IN_OK: Record<Who, PageExpect> = { anonymous: "sign-in", viewer: "ok", owner: "ok", admin: "ok" };
const ADMIN_ONLY: Record<Who, PageExpect> = {
  anonymous: "sign-in",
  viewer: "forbidden",
  owner: "forbidden",
  admin: "ok",
};

/** One or more rows per page file (keyed by its path pattern); the viewer is a stranger to `beach`. */
const PAGES: Record<string, PageRow[]> = {
  "/": [{ url: () => "/", expect: { anonymous: "ok", viewer: "dashboard", owner: "dashboard", admin: "dashboard" } }],
  "/sign-in/[[...sign-in]]": [
    {
      url: () => "/sign-in",
      expect: { anonymous: "ok", viewer: "ok-or-dashboard", owner: "ok-or-dashboard", admin: "ok-or-dashboard" },
    },
  ],
  "/forbidden": [{ url: () => "/forbidden", expect: SIGNED_IN_OK }],
  "/setup": [{ url: () => "/setup", expect: SIGNED_IN_OK }],
  "/dashboard": [{ url: () => "/dashboard", expect: SIGNED_IN_OK }],
  "/dashboard/[system]": [
    { url: (ids) => `/dashboard/${ids.home}`, expect: SIGNED_IN_OK },
    // Aliases resolve among the caller's own and shared systems (the admin's depends on the dashboard loader).
    { url: () => "/dashboard/home", expect: { anonymous: "sign-in", viewer: "ok", owner: "ok" } },
    { url: (ids) => `/dashboard/${ids.beach}`, expect: { ...SIGNED_IN_OK, viewer: "not-found" } },
    {
      url: () => "/dashboard/999999",
      expect: { ...SIGNED_IN_OK, viewer: "not-found", owner: "not-found", admin: "not-found" },
    },
  ],
  // Viewers get a 200 page explaining they cannot change settings; strangers get the same 404 as unknown ids.
  "/dashboard/[system]/settings": [
    { url: (ids) => `/dashboard/${ids.home}/settings`, expect: SIGNED_IN_OK },
    { url: (ids) => `/dashboard/${ids.beach}/settings`, expect: { ...SIGNED_IN_OK, viewer: "not-found" } },
  ],
  // Charging sessions: whoever may read the system (a system without an EV load says so); strangers get 404.
  "/dashboard/[system]/ev": [
    { url: (ids) => `/dashboard/${ids.home}/ev`, expect: SIGNED_IN_OK },
    { url: (ids) => `/dashboard/${ids.beach}/ev`, expect: { ...SIGNED_IN_OK, viewer: "not-found" } },
    {
      url: () => "/dashboard/999999/ev",
      expect: { ...SIGNED_IN_OK, viewer: "not-found", owner: "not-found", admin: "not-found" },
    },
  ],
  // Alerts of every system the caller may read (an empty list for none).
  "/alerts": [{ url: () => "/alerts", expect: SIGNED_IN_OK }],
  "/composites/new": [{ url: () => "/composites/new", expect: SIGNED_IN_OK }],
  // The demo has no composite: writers get "not a composite" (404), a viewer gets 403 first.
  "/composites/[system]": [
    {
      url: (ids) => `/composites/${ids.home}`,
      expect: { anonymous: "sign-in", viewer: "forbidden", owner: "not-found", admin: "not-found" },
    },
    { url: (ids) => `/composites/${ids.beach}`, expect: { viewer: "not-found" } },
  ],
  // API tokens: any signed-in user's own list.
  "/settings/tokens": [{ url: () => "/settings/tokens", expect: SIGNED_IN_OK }],
  // A share link's page: a made-up link is 404 for everyone, signed in or not (live links: tests/tokens.ts).
  "/s/[token]": [
    {
      url: () => `/s/sh_${"x".repeat(43)}`,
      expect: { anonymous: "not-found", viewer: "not-found", owner: "not-found", admin: "not-found" },
    },
  ],
  "/invite/[token]": [{ url: () => "/invite/inv1.0.not-a-real-token.x", expect: SIGNED_IN_OK }],
  "/admin": [{ url: () => "/admin", expect: ADMIN_ONLY }],
  "/admin/sessions": [{ url: () => "/admin/sessions", expect: ADMIN_ONLY }],
  "/admin/sessions/[id]": [{ url: () => "/admin/sessions/1", expect: { ...ADMIN_ONLY, admin: "ok-or-not-found" } }],
  "/admin/users": [{ url: () => "/admin/users", expect: ADMIN_ONLY }],
  "/admin/storage": [{ url: () => "/admin/storage", expect: ADMIN_ONLY }],
  "/admin/retention": [{ url: () => "/admin/retention", expect: ADMIN_ONLY }],
  "/admin/health": [{ url: () => "/admin/health", expect: ADMIN_ONLY }],
  "/admin/tools": [{ url: () => "/admin/tools", expect: ADMIN_ONLY }],
};

/** Every app/**\/page.tsx as a path pattern (route groups dropped). */
function discoverPages(root = process.cwd()): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page.tsx") {
        const rel = relative(join(root, "app"), dir)
          .split(sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        out.push(`/${rel.join("/")}`);
      }
    }
  };
  walk(join(root, "app"));
  return out.sort();
}

async function signIn(baseUrl: string, userId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/local/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  expectTrue(res.ok && cookie, `local sign-in as ${userId} failed: ${res.status}`);
  return cookie;
}

/** What a page answer means: a redirect target, not-found, or a normal page. */
async function classify(
  res: Response,
): Promise<{ kind: "redirect" | "not-found" | "forbidden" | "ok" | "error"; to?: string; status: number }> {
  const location = res.headers.get("location");
  if (res.status >= 300 && res.status < 400 && location)
    return { kind: "redirect", to: new URL(location, "http://x").pathname, status: res.status };
  if (res.status === 404) return { kind: "not-found", status: 404 };
  if (res.status === 403) return { kind: "forbidden", status: 403 };
  if (res.status >= 400) return { kind: "error", status: res.status };
  const body = await res.text();
  const streamedRedirect = /NEXT_REDIRECT;[a-z]+;([^;"\\]+);/.exec(body);
  if (streamedRedirect)
    return { kind: "redirect", to: new URL(streamedRedirect[1], "http://x").pathname, status: res.status };
  // A not-found or forbidden answer streamed after a 200 (a loading boundary above the page) is an error: the
  // status must say it.
  if (/NEXT_HTTP_ERROR_FALLBACK;40[34]|NEXT_NOT_FOUND/.test(body)) return { kind: "error", status: res.status };
  return { kind: "ok", status: res.status };
}

function matches(got: Awaited<ReturnType<typeof classify>>, expected: PageExpect): boolean {
  switch (expected) {
    case "ok":
      return got.kind === "ok";
    case "not-found":
      return got.kind === "not-found";
    case "sign-in":
      return got.kind === "redirect" && got.to === "/sign-in";
    case "forbidden":
      return got.kind === "forbidden";
    case "dashboard":
      return got.kind === "redirect" && got.to === "/dashboard";
    case "ok-or-not-found":
      return got.kind === "ok" || got.kind === "not-found";
    case "ok-or-dashboard":
      return got.kind === "ok" || (got.kind === "redirect" && got.to === "/dashboard");
  }
}

async function systemIds(baseUrl: string, ownerCookie: string): Promise<Ids> {
  const res = await fetch(`${baseUrl}/api/systems`, { headers: { cookie: ownerCookie } });
  const { systems } = (await res.json()) as { systems: Array<{ id: number; alias: string | null }> };
  const id = (alias: string) => systems.find((s) => s.alias === alias)?.id;
  const home = id("home");
  const beach = id("beach");
  expectTrue(home && beach, `the demo owner should own "home" and "beach": ${JSON.stringify(systems)}`);
  return { home, beach };
}

/** The page authorization matrix, for scripts/e2e/run.ts. */
export const authzPageTests: E2eTest[] = [
  {
    name: "every page route has a row in the page authorization matrix",
    async run() {
      const missing = discoverPages().filter((p) => !PAGES[p]);
      const stale = Object.keys(PAGES).filter((p) => !discoverPages().includes(p));
      expectTrue(
        !missing.length && !stale.length,
        `missing rows: ${missing.join(", ")}; stale rows: ${stale.join(", ")}`,
      );
    },
  },
  {
    name: "page authorization matrix (anonymous, viewer, owner, admin)",
    async run(ctx: E2eContext) {
      const cookies: Record<Who, string | undefined> = {
        anonymous: undefined,
        viewer: undefined,
        owner: undefined,
        admin: undefined,
      };
      for (const who of Object.keys(USERS) as Array<keyof typeof USERS>)
        cookies[who] = await signIn(ctx.baseUrl, USERS[who]);
      const ids = await systemIds(ctx.baseUrl, cookies.owner!);
      const wrong: string[] = [];
      for (const rows of Object.values(PAGES)) {
        for (const row of rows) {
          for (const who of Object.keys(row.expect) as Who[]) {
            const url = row.url(ids);
            const headers: Record<string, string> = cookies[who] ? { cookie: cookies[who]! } : {};
            const res = await fetch(`${ctx.baseUrl}${url}`, { headers, redirect: "manual" });
            const got = await classify(res);
            if (!matches(got, row.expect[who]!))
              wrong.push(`${who} ${url}: got ${got.kind} ${got.to ?? ""} (${got.status}), expected ${row.expect[who]}`);
          }
        }
      }
      expectTrue(!wrong.length, `unexpected page answers:\n${wrong.join("\n")}`);
    },
  },
  {
    name: "every page carries the security headers",
    async run(ctx) {
      const res = await fetch(`${ctx.baseUrl}/sign-in`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expectTrue(csp.includes("frame-ancestors 'none'"), `CSP missing or without frame-ancestors: "${csp}"`);
      expectTrue(res.headers.get("x-frame-options") === "DENY", "X-Frame-Options is not DENY");
      expectTrue(res.headers.get("x-content-type-options") === "nosniff", "X-Content-Type-Options is not nosniff");
      expectTrue(res.headers.get("referrer-policy") === "strict-origin-when-cross-origin", "Referrer-Policy differs");
      const api = await fetch(`${ctx.baseUrl}/api/systems`, { redirect: "manual" });
      expectTrue(api.headers.get("x-content-type-options") === "nosniff", "API responses lack nosniff");
    },
  },
  {
    name: "pages work under the Content-Security-Policy (no CSP violations while signed in)",
    async run(ctx) {
      const { page, close } = await ctx.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content[- ]Security[- ]Policy|Refused to (load|execute|connect|apply)/i.test(m.text()))
          violations.push(m.text());
      });
      try {
        await page.goto(`${ctx.baseUrl}/sign-in`);
        await page.getByTestId("sign-in-admin").click();
        await page.waitForURL((u) => u.pathname.startsWith("/dashboard"));
        await page.goto(`${ctx.baseUrl}/admin`);
        await page.waitForLoadState("networkidle");
        await ctx.screenshot(page, "admin-systems");
      } catch (err) {
        throw new Error(`${(err as Error).message}\nCSP violations so far:\n${violations.join("\n")}`);
      } finally {
        await close();
      }
      expectTrue(!violations.length, `CSP violations:\n${violations.join("\n")}`);
    },
  },
];

import { localSessionCookie } from "@/test/helpers/auth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index freely into response JSON
type Json = any;

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

export interface CallOptions {
  method?: string;
  user?: string;
  body?: unknown;
  /** Raw body text (malformed JSON cases). */
  rawBody?: string;
  /** Simulates a cross-site browser request. */
  crossSite?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Calls a route handler with a real Request (local session cookie for `user`) and returns status and JSON. */
export async function call<Ctx>(
  handler: Handler<Ctx>,
  path: string,
  context: Ctx,
  { method = "GET", user, body, rawBody, crossSite, headers: extra }: CallOptions = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { "content-type": "application/json", host: "localhost", ...extra };
  if (user) headers.cookie = await localSessionCookie(user);
  if (crossSite) {
    headers.origin = "https://evil.example";
    headers["sec-fetch-site"] = "cross-site";
  }
  const init: RequestInit = { method, headers };
  if (rawBody !== undefined) init.body = rawBody;
  else if (body !== undefined) init.body = JSON.stringify(body);
  const res = await handler(new Request(`http://localhost${path}`, init), context);
  return { status: res.status, body: await res.json() };
}

/** The params context of a dynamic route. */
export const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

/** Row counts of the tables setup and settings write to. */
export async function counts(db: {
  $client: { execute(sql: string): Promise<{ rows: Array<Record<string, unknown>> }> };
}) {
  const out: Record<string, number> = {};
  for (const table of ["systems", "polling_status", "vendor_credentials", "point_info", "sessions"]) {
    const res = await db.$client.execute(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(res.rows[0].n);
  }
  return out;
}

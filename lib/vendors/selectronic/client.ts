import "server-only";
import { CookieJar } from "tough-cookie";
import { z } from "zod";
import { readBody, parseJsonText, vendorFetch, type VendorResponse } from "../http";
import { VendorError, type DiscoveredSite, type SystemInfo } from "../types";
import type { SelectHfItems } from "./mapper";
import { parseSystemInfo, parseSystemList } from "./pages";

const VENDOR = "select.live";
/** Reuse a session up to this age; the portal's idle timeout is ~30 min, and a 401 triggers a fresh login anyway. */
export const SESSION_MAX_AGE_MS = 6 * 3_600_000;

/** What we keep between polls (stored encrypted by the pipeline): the cookie jar and when we logged in. */
export type SelectLiveState = {
  cookies: unknown;
  loggedInAt: number;
};

const stateSchema = z.object({ cookies: z.record(z.unknown()), loggedInAt: z.number().finite() });

export interface SelectLiveClientOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** State from the last poll (ctx.state); anything unusable is ignored and we log in afresh. */
  state?: unknown;
  now: Date;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** True when `now` falls in select.live's maintenance window: minutes 48–52 of the hour (UTC, the portal's clock). */
export function inMaintenanceWindow(now: Date): boolean {
  const m = now.getUTCMinutes();
  return m >= 48 && m <= 52;
}

/** A select.live web session: log in with a cookie jar, reuse it across polls, re-login once on 401. */
export class SelectLiveClient {
  private jar = new CookieJar();
  private loggedInAt: number | null = null;
  /** Logins performed by this client (0 when a saved session was reused). */
  logins = 0;

  constructor(private readonly o: SelectLiveClientOptions) {
    const saved = stateSchema.safeParse(o.state);
    const age = saved.success ? o.now.getTime() - saved.data.loggedInAt : Infinity;
    if (saved.success && age < SESSION_MAX_AGE_MS) {
      try {
        this.jar = CookieJar.deserializeSync(saved.data.cookies as never);
        this.loggedInAt = saved.data.loggedInAt;
      } catch {
        this.jar = new CookieJar(); // corrupt jar: log in again
      }
    }
  }

  /** The session to persist: new state after a login, undefined when the saved one was reused unchanged. */
  get changedState(): SelectLiveState | undefined {
    if (this.logins === 0 || this.loggedInAt === null) return undefined;
    return { cookies: this.jar.serializeSync(), loggedInAt: this.loggedInAt };
  }

  /** Logs in (POST /login, no redirects followed); AUTH_FAILED on "Bad email address or password". */
  async login(): Promise<void> {
    this.jar = new CookieJar();
    const url = `${this.o.baseUrl}/login`;
    const res = await this.call(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ email: this.o.email, pwd: this.o.password }).toString(),
    });
    const location = res.headers.get("location") ?? "";
    if ((res.status === 301 || res.status === 302 || res.status === 303) && /dashboard|systems/.test(location)) {
      await res.body?.cancel();
      this.loggedInAt = this.o.now.getTime();
      this.logins++;
      return;
    }
    const text = await readBody(res).catch(() => "");
    if (/Bad email address or password/i.test(text) || res.status === 401 || res.status === 403 || location) {
      throw new VendorError(
        "AUTH_FAILED",
        "select.live rejected the email or password (Bad email address or password)",
      );
    }
    throw new VendorError("BAD_RESPONSE", `select.live login returned HTTP ${res.status} without a session`, {
      status: res.status,
    });
  }

  /** The latest hfdata `items` of a system (logs in when needed). */
  async hfData(systemNumber: string): Promise<{ items: SelectHfItems; raw: unknown }> {
    const res = await this.authed(`/dashboard/hfdata/${encodeURIComponent(systemNumber)}`, "application/json");
    if (res.status === 404 || res.status === 403) {
      await res.body?.cancel();
      throw new VendorError("CONFIG", `System ${systemNumber} is not visible to this select.live account`, {
        status: res.status,
      });
    }
    if (res.status !== 200) throw await unexpected(res);
    const raw = parseJsonText<unknown>(await readBody(res), {
      vendor: VENDOR,
      where: res.where,
      redact: [this.o.password],
    });
    const items = (raw as { items?: unknown } | null)?.items;
    if (!items || typeof items !== "object" || Array.isArray(items)) {
      throw new VendorError("BAD_RESPONSE", `select.live hfdata for system ${systemNumber} has no "items" object`);
    }
    return { items: items as SelectHfItems, raw };
  }

  /** Every system of the account, from the dashboard's system picker. */
  async listSystems(): Promise<DiscoveredSite[]> {
    const res = await this.authed("/dashboard", "text/html");
    if (res.status !== 200) throw await unexpected(res);
    return parseSystemList(await readBody(res));
  }

  /** Nameplate facts (model, serial, ratings, solar and battery size) from a system's page. */
  async systemInfo(systemNumber: string): Promise<SystemInfo> {
    const res = await this.authed(`/dashboard/${encodeURIComponent(systemNumber)}`, "text/html");
    if (res.status !== 200) throw await unexpected(res);
    return parseSystemInfo(await readBody(res));
  }

  /** GET with the session: log in if there is none; on 401 (or a redirect to login) log in once and retry once. */
  private async authed(path: string, accept: string): Promise<VendorResponse> {
    if (this.loggedInAt === null) await this.login();
    const url = `${this.o.baseUrl}${path}`;
    let res = await this.get(url, accept);
    if (!isSessionFailure(res)) return res;
    await res.body?.cancel();
    await this.login();
    res = await this.get(url, accept);
    if (isSessionFailure(res)) {
      await res.body?.cancel();
      throw new VendorError("SESSION_EXPIRED", "select.live refused a fresh session (HTTP 401 right after login)", {
        status: res.status,
      });
    }
    return res;
  }

  private async get(url: string, accept: string): Promise<VendorResponse> {
    const cookie = this.jar.getCookieStringSync(url);
    return this.call(url, { method: "GET", headers: { accept, ...(cookie ? { cookie } : {}) } });
  }

  /** One request: stores Set-Cookie in the jar and turns 5xx in minutes 48–52 into MAINTENANCE. */
  private async call(url: string, init: RequestInit): Promise<VendorResponse> {
    try {
      const res = await vendorFetch(url, {
        ...init,
        redirect: "manual",
        vendor: VENDOR,
        timeoutMs: this.o.timeoutMs,
        signal: this.o.signal,
      });
      for (const c of res.headers.getSetCookie()) this.jar.setCookieSync(c, url, { ignoreError: true });
      return res;
    } catch (err) {
      const status = err instanceof VendorError ? err.options.status : undefined;
      if ((status === 500 || status === 503) && inMaintenanceWindow(this.o.now)) {
        const m = this.o.now.getUTCMinutes();
        const retryAfterMs = (53 - m) * 60_000 - this.o.now.getUTCSeconds() * 1000;
        throw new VendorError("MAINTENANCE", "select.live daily maintenance window; will retry", {
          status,
          retryAfterMs,
        });
      }
      throw err;
    }
  }
}

function isSessionFailure(res: Response): boolean {
  if (res.status === 401) return true;
  return res.status >= 300 && res.status < 400 && /login/i.test(res.headers.get("location") ?? "");
}

async function unexpected(res: VendorResponse): Promise<VendorError> {
  await res.body?.cancel().catch(() => undefined);
  return new VendorError("HTTP_ERROR", `select.live answered HTTP ${res.status} for ${res.where}`, {
    status: res.status,
  });
}

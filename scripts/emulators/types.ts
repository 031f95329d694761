import type { IncomingHttpHeaders } from "node:http";

/** Failure modes every vendor emulator understands (set with POST /__control/mode). */
export const ERROR_MODES = [
  "ok",
  "bad_credentials",
  "expired_session",
  "rate_limit",
  "server_error",
  "maintenance",
  "timeout",
  "malformed_json",
  "empty_data",
  // A car sleeps (listed asleep, vehicle_data answers 408) / is unreachable while listed online (408).
  "asleep",
  "vehicle_unavailable",
] as const;
export type ErrorMode = (typeof ERROR_MODES)[number];

/** What a route is: a login, a JSON data call, or an authenticated HTML page; decides which modes apply to it. */
export type RouteKind = "login" | "data" | "page";

/** A parsed request as a vendor emulator sees it: path is relative to the vendor's prefix. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A response; an object body is sent as JSON, a string as-is (set content-type in headers). */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | object;
}

/** What a handler gets besides the request: the virtual time, the vendor-specific mode to act out, and stats hooks. */
export interface HandlerContext {
  req: EmulatorRequest;
  nowMs: number;
  /** ok, or one of the modes the vendor acts out itself (bad_credentials, expired_session, malformed_json, empty_data). */
  mode: ErrorMode;
  recordLogin(account: string, ok: boolean): void;
}

/** A matched route: its kind, the site it concerns (for per-site modes and stats) and its handler. */
export interface RouteMatch {
  kind: RouteKind;
  siteId?: string;
  handle(ctx: HandlerContext): EmulatorResponse | Promise<EmulatorResponse>;
}

/** One vendor's emulator, mounted under `prefix` on the shared server. */
export interface VendorEmulator {
  /** The vendor type as used in our code (`selectronic`), also the key in control requests. */
  vendor: string;
  /** Path prefix on the shared server, e.g. `/select-live`. */
  prefix: string;
  route(req: EmulatorRequest): RouteMatch | null;
  /** The simulator's true state of a site at timeMs, for accuracy tests. */
  truth?(siteId: string, timeMs: number): unknown;
  /** Forget sessions and overrides. */
  reset?(): void;
  /** Human-readable facts for the CLI banner (accounts, sites). */
  describe?(): string[];
}

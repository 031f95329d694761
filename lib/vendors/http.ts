import "server-only";
import { getEnv } from "@/lib/env";
import { VendorError } from "./types";

/**
 * The one way adapters talk HTTP to a vendor: global fetch with a timeout, failures mapped to VendorError codes.
 * - timeout (or the caller's signal aborting) → TIMEOUT; DNS/connection failures → NETWORK
 * - 429 → RATE_LIMITED with retryAfterMs from Retry-After; 5xx → HTTP_ERROR with the status kept
 * - every other status is returned for the adapter to judge (401 → re-login, 404 → config, …)
 * Messages name the vendor, host and path but never the query string (SolarEdge puts its key there).
 */

export interface VendorFetchInit extends RequestInit {
  /** Vendor name for messages, e.g. "select.live". */
  vendor: string;
  /** Time limit for the whole exchange including the body (default getEnv().VENDOR_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** A Response whose body is still bound to the request's time limit; `where` is the safe "host/path" label. */
export type VendorResponse = Response & {
  readonly where: string;
  readonly vendor: string;
  readonly timeoutMs: number;
  readonly timeoutSignal: AbortSignal;
};

/** Fetches a vendor URL, throwing VendorError for timeouts, network failures, 429 and 5xx. */
export async function vendorFetch(url: string | URL, init: VendorFetchInit): Promise<VendorResponse> {
  const { vendor, timeoutMs = getEnv().VENDOR_TIMEOUT_MS, signal: outer, ...rest } = init;
  const where = describeUrl(url);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = outer ? AbortSignal.any([timeout, outer]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { ...rest, signal });
  } catch (err) {
    throw toVendorError(err, { vendor, where, timeoutMs, timedOut: timeout.aborted });
  }
  if (res.status === 429) {
    await discard(res);
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    const wait = retryAfterMs !== undefined ? `; retry after ${Math.ceil(retryAfterMs / 1000)} s` : "";
    throw new VendorError("RATE_LIMITED", `${vendor} rate limit reached (HTTP 429 from ${where})${wait}`, {
      status: 429,
      retryAfterMs,
    });
  }
  if (res.status >= 500) {
    const body = await readText(res, vendor, where, timeoutMs, timeout).catch(() => "");
    throw new VendorError("HTTP_ERROR", `${vendor} server error: HTTP ${res.status} from ${where}`, {
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
      response: { status: res.status, excerpt: excerpt(body) },
    });
  }
  return Object.assign(res, { where, vendor, timeoutMs, timeoutSignal: timeout });
}

/** Reads a response body as text, mapping a timeout or dropped connection mid-body to TIMEOUT / NETWORK. */
export async function readBody(res: VendorResponse): Promise<string> {
  return readText(res, res.vendor, res.where, res.timeoutMs, res.timeoutSignal);
}

/** Reads and parses a JSON body; malformed JSON → BAD_RESPONSE with a short excerpt (`redact` masks known secrets). */
export async function readJson<T = unknown>(res: VendorResponse, opts: { redact?: string[] } = {}): Promise<T> {
  return parseJsonText<T>(await readBody(res), { vendor: res.vendor, where: res.where, redact: opts.redact });
}

/** Parses JSON text from a vendor; malformed → BAD_RESPONSE quoting at most 200 redacted characters. */
export function parseJsonText<T = unknown>(
  text: string,
  opts: { vendor: string; where?: string; redact?: string[] },
): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    const from = opts.where ? ` from ${opts.where}` : "";
    throw new VendorError(
      "BAD_RESPONSE",
      `${opts.vendor} sent a response that is not valid JSON${from}: "${excerpt(text, 120, opts.redact)}"`,
      { response: { excerpt: excerpt(text, 200, opts.redact) } },
    );
  }
}

/** Milliseconds to wait from a Retry-After header (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const SECRET_PATTERNS: RegExp[] = [
  /("?(?:access_token|refresh_token|id_token|password|pwd|api_?key|apikey|secret|token|authorization)"?\s*[:=]\s*"?(?:Bearer\s+|Basic\s+)?)[^"&\s,}]+/gi,
  /((?<![:=]\s*)Bearer\s+)[A-Za-z0-9._~+/=-]+/g,
];

/** A short, whitespace-collapsed excerpt of a body with known secrets and secret-looking fields masked. */
export function excerpt(text: string, max = 200, redact: string[] = []): string {
  let s = text;
  for (const secret of redact) if (secret) s = s.split(secret).join("***");
  for (const re of SECRET_PATTERNS) s = s.replace(re, "$1***");
  s = s.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** "host/path" of a URL without its query string or credentials, for messages. */
export function describeUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

async function readText(
  res: Response,
  vendor: string,
  where: string,
  timeoutMs: number,
  timeout?: AbortSignal,
): Promise<string> {
  try {
    return await res.text();
  } catch (err) {
    throw toVendorError(err, { vendor, where, timeoutMs, timedOut: Boolean(timeout?.aborted) });
  }
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

function toVendorError(
  err: unknown,
  ctx: { vendor: string; where: string; timeoutMs: number; timedOut: boolean },
): VendorError {
  if (err instanceof VendorError) return err;
  const name = err instanceof Error ? err.name : "";
  if (ctx.timedOut || name === "TimeoutError") {
    return new VendorError("TIMEOUT", `${ctx.vendor} did not answer within ${ctx.timeoutMs} ms (${ctx.where})`);
  }
  if (name === "AbortError") {
    return new VendorError("TIMEOUT", `${ctx.vendor} request to ${ctx.where} was cancelled (time budget used up)`);
  }
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new VendorError("NETWORK", `${ctx.vendor} could not be reached at ${ctx.where}: ${detail}`);
}

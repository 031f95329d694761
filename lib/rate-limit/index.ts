import "server-only";
// The client only: lib/kv's index pulls in the latest-values layer, which reaches lib/auth (an import cycle).
import { kvKey, withKv } from "@/lib/kv/client";
import { incrementCounter } from "./store";

export interface RateLimitResult {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the current window ends (when the caller may try again). */
  retryAfterMs: number;
}

export interface RateLimitOptions {
  /** What is limited and for whom, e.g. `test-connection:user_123`. */
  key: string;
  limit: number;
  windowMs: number;
  nowMs?: number;
  /** Where to count without Redis: this process's memory (default) or the database (shared by every instance). */
  fallback?: "memory" | "database";
}

const memory = new Map<string, { count: number; expiresMs: number }>();

/**
 * Fixed-window counter: Upstash Redis when configured (shared by every serverless instance), else this process's
 * memory (one instance locally) or, with `fallback: "database"`, the database. A KV outage falls back the same way
 * rather than letting everything through.
 */
export async function rateLimit({
  key,
  limit,
  windowMs,
  nowMs = Date.now(),
  fallback = "memory",
}: RateLimitOptions): Promise<RateLimitResult> {
  const window = Math.floor(nowMs / windowMs);
  const windowEndMs = (window + 1) * windowMs;
  const fullKey = `ratelimit:${key}:${window}`;
  const kv = await withKv(async (redis) => {
    const tx = redis.multi();
    tx.incr(kvKey(fullKey));
    tx.pexpire(kvKey(fullKey), windowMs + 1000);
    const [count] = await tx.exec<[number, number]>();
    return Number(count);
  });
  const count = kv.ok
    ? kv.value
    : fallback === "database"
      ? await incrementCounter(key, windowEndMs)
      : countInMemory(fullKey, windowEndMs, nowMs);
  return { ok: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterMs: windowEndMs - nowMs };
}

function countInMemory(key: string, expiresMs: number, nowMs: number): number {
  // Drop ended windows now and then so the map cannot grow without bound.
  if (memory.size > 10_000) for (const [k, v] of memory) if (v.expiresMs <= nowMs) memory.delete(k);
  const entry = memory.get(key);
  if (!entry || entry.expiresMs <= nowMs) {
    memory.set(key, { count: 1, expiresMs });
    return 1;
  }
  entry.count += 1;
  return entry.count;
}

/** Forgets every in-memory counter (tests). */
export function resetRateLimits(): void {
  memory.clear();
}

/**
 * The caller's address for per-address limits, from what the proxy in front of the app sets: `x-real-ip` (Vercel
 * and most proxies set it whole), else the LAST entry of X-Forwarded-For — the one the nearest proxy appended. The
 * first entry is whatever the client claimed, so it is never used. Null without either (no proxy): per-address
 * limits then rely on their global backstop.
 */
export function clientAddress(request: Request): string | null {
  const real = request.headers.get("x-real-ip")?.trim();
  if (real) return real.slice(0, 64);
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : null;
}

import "server-only";
import { Redis } from "@upstash/redis";
import { getEnv } from "@/lib/env";

/** After a failure the cache is skipped for this long, so an outage costs one timeout, not one per call. */
const SKIP_AFTER_FAILURE_MS = 30_000;
/** A cache problem is logged at most once per period, not per call. */
const WARN_EVERY_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 2_000;

const state: { client?: Redis; configKey?: string; skipUntil: number; lastWarnMs: number; toldOff?: boolean } = {
  skipUntil: 0,
  lastWarnMs: 0,
};

/** A key in this deployment's namespace: `${KV_NAMESPACE}:${key}` (prod, dev or test share one Redis safely). */
export function kvKey(key: string): string {
  return `${getEnv().KV_NAMESPACE}:${key}`;
}

/** Whether KV_REST_API_URL and KV_REST_API_TOKEN are configured. */
export function isKvEnabled(): boolean {
  return getEnv().kvEnabled;
}

function client(): Redis | null {
  const env = getEnv();
  if (!env.kvEnabled) return null;
  const configKey = `${env.KV_REST_API_URL}|${env.KV_REST_API_TOKEN}`;
  if (!state.client || state.configKey !== configKey) {
    state.client = new Redis({
      url: env.KV_REST_API_URL!,
      token: env.KV_REST_API_TOKEN!,
      automaticDeserialization: false,
      enableTelemetry: false,
      retry: { retries: 0 },
      signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    state.configKey = configKey;
    state.skipUntil = 0;
  }
  return state.client;
}

function warn(message: string, error?: unknown) {
  const now = Date.now();
  if (now - state.lastWarnMs < WARN_EVERY_MS) return;
  state.lastWarnMs = now;
  console.warn(JSON.stringify({ level: "warn", message, error: error === undefined ? undefined : String(error) }));
}

export type KvOutcome<T> = { ok: true; value: T } | { ok: false };

/**
 * Runs a Redis operation if the cache is configured and not in its back-off window; never throws. On failure
 * the cache is skipped for 30 s and a warning is logged at most once per 5 minutes; callers fall back to the DB.
 */
export async function withKv<T>(op: (redis: Redis) => Promise<T>): Promise<KvOutcome<T>> {
  const redis = client();
  if (!redis) {
    if (!state.toldOff) {
      state.toldOff = true;
      console.info(
        JSON.stringify({ level: "info", message: "KV not configured: latest values come from the database" }),
      );
    }
    return { ok: false };
  }
  if (Date.now() < state.skipUntil) return { ok: false };
  try {
    return { ok: true, value: await op(redis) };
  } catch (error) {
    state.skipUntil = Date.now() + SKIP_AFTER_FAILURE_MS;
    warn("KV unreachable or failing: using the database for 30 s", error);
    return { ok: false };
  }
}

/** Forgets the client, back-off and warning state (tests, and after changing the KV variables). */
export function resetKv(): void {
  state.client = undefined;
  state.configKey = undefined;
  state.skipUntil = 0;
  state.lastWarnMs = 0;
  state.toldOff = false;
}

import "server-only";
import { ApiError } from "@/lib/api/errors";
import { hashSecret } from "@/lib/crypto/secrets";
import { ensurePollingStatusRow } from "@/lib/db/queries/push-keys";
import type { SessionOutcome } from "@/lib/db/queries/sessions";
import type { PipelineSystem } from "@/lib/db/queries/systems";
import { ingestFetchResult } from "@/lib/ingest";
import { rateLimit } from "@/lib/rate-limit";
import type { PushAdapter, PushBody } from "@/lib/vendors/types";
import { finishPoll, startSessionMerged } from "../store";
import { responseForSession } from "../scrub";
import { findSystemByPushKey } from "./keys";

/** A logger pushes once a minute; this leaves room for retries and catch-up bursts. */
export const PUSHES_PER_KEY_PER_MINUTE = 30;
/** Unknown keys tried from one address per minute before it is refused outright. */
export const BAD_KEYS_PER_CLIENT_PER_MINUTE = 20;
/** Pushes stamped further ahead of our clock than this are refused (a wrong logger clock). */
export const MAX_FUTURE_MS = 5 * 60_000;
const OWNER = "push";

export interface PushResult {
  ok: true;
  action: "test" | "store";
  systemId: number;
  systemName: string;
  sessionId: number;
  /** store: readings written now; 0 for a replay of a stored timestamp. */
  stored?: number;
  /** store: true when this timestamp was already stored (an idempotent no-op). */
  duplicate?: boolean;
  /** store: contradictions in the body (stored as sent, recorded with the session too). */
  warnings?: string[];
}

/**
 * Handles one push, validated with the adapter's schema: rate limit, find the system of this vendor by the key's
 * hash (401 when unknown), then `test` (session only) or `store` (the adapter's readings through ingest,
 * idempotent per timestamp; its warnings kept with the session). Either way a PUSH session is recorded and
 * polling_status is updated like a poll.
 */
export async function receivePush(
  adapter: PushAdapter,
  body: PushBody,
  opts: { now?: Date; client?: string | null } = {},
): Promise<PushResult> {
  const vendor = adapter.vendorType;
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const keyHash = hashSecret(body.apiKey);
  await limit(`push:${vendor}:key:${keyHash.slice(0, 32)}`, PUSHES_PER_KEY_PER_MINUTE, nowMs);
  const system = await findSystemByPushKey(body.apiKey, vendor);
  if (!system || system.status === "removed") {
    if (opts.client) await limit(`push:${vendor}:bad:${opts.client}`, BAD_KEYS_PER_CLIENT_PER_MINUTE, nowMs);
    throw new ApiError(
      "UNAUTHORIZED",
      "Unknown push key: use the secret shown when the system was added (or rotate it)",
    );
  }
  if (system.status !== "active")
    throw new ApiError("FORBIDDEN", "This system is disabled; enable it to accept pushes");
  if (body.action === "store" && Date.parse(String(body.timestamp)) > nowMs + MAX_FUTURE_MS) {
    throw new ApiError("BAD_REQUEST", "timestamp is in the future: check the logger's clock", { field: "timestamp" });
  }

  const t0 = performance.now();
  const sessionId = await startSessionMerged({
    systemId: system.id,
    vendorType: vendor,
    cause: "PUSH",
    startedMs: nowMs,
  });
  const { apiKey: _key, ...response } = body;
  const base = {
    ok: true as const,
    action: body.action,
    systemId: system.id,
    systemName: system.displayName,
    sessionId,
  };
  try {
    if (body.action === "test") {
      await finish(system, sessionId, t0, nowMs, { numRows: 0, label: "test", response });
      return base;
    }
    const readings = adapter.push.toReadings(body);
    const warnings = adapter.push.warnings?.(body) ?? [];
    const ingest = await ingestFetchResult(system, { readings }, { sessionId, receivedMs: nowMs });
    const stored = ingest.readingsInserted;
    const duplicate = stored === 0 && ingest.readingsReceived > 0;
    const sequence = body.sequence == null ? null : String(body.sequence);
    const label = warnings.length
      ? `${sequence ?? "store"} (${warnings.length} warning${warnings.length > 1 ? "s" : ""})`
      : sequence;
    await finish(system, sessionId, t0, nowMs, {
      numRows: stored,
      label,
      response: { ...response, duplicate, ...(warnings.length ? { warnings } : {}) },
    });
    return { ...base, stored, duplicate, ...(warnings.length ? { warnings } : {}) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await record(system.id, sessionId, nowMs, {
      durationMs: performance.now() - t0,
      successful: false,
      errorCode: "INTERNAL",
      error: message.slice(0, 2000),
      numRows: 0,
      response: responseForSession(response),
    });
    throw err;
  }
}

async function finish(
  system: PipelineSystem,
  sessionId: number,
  t0: number,
  nowMs: number,
  o: { numRows: number; label: string | null; response: unknown },
): Promise<void> {
  await record(system.id, sessionId, nowMs, {
    durationMs: performance.now() - t0,
    successful: true,
    numRows: o.numRows,
    response: responseForSession(o.response),
    sessionLabel: o.label,
  });
}

/** Finishes the PUSH session and records it on polling_status like a poll (the row is created on the first push). */
async function record(systemId: number, sessionId: number, nowMs: number, session: SessionOutcome): Promise<void> {
  await ensurePollingStatusRow(systemId, Date.now());
  await finishPoll({
    sessionId,
    session,
    systemId,
    owner: OWNER,
    status: {
      nowMs,
      nextPollAtMs: null,
      successful: session.successful,
      error: session.error ?? null,
      errorCode: session.errorCode ?? null,
    },
  });
}

async function limit(key: string, max: number, nowMs: number): Promise<void> {
  const r = await rateLimit({ key, limit: max, windowMs: 60_000, nowMs });
  if (!r.ok) {
    throw new ApiError("RATE_LIMITED", `Too many pushes; try again in ${Math.ceil(r.retryAfterMs / 1000)} s`, {
      retryAfterMs: r.retryAfterMs,
    });
  }
}

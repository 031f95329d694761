import "server-only";
import { randomUUID } from "node:crypto";
import { encryptJson } from "@/lib/crypto/secrets";
import { saveVendorState } from "@/lib/db/queries/polling";
import { getEnv } from "@/lib/env";
import { ingestFetchResult, type IngestResult } from "@/lib/ingest";
import { getAdapter } from "@/lib/vendors"; // registers every adapter
import { vendorStateOf, type AdapterContext, type VendorAdapter } from "@/lib/vendors/types";
import { backoffMs } from "./backoff";
import { ConfigError, openCredentials } from "./credentials";
import { classifyError, fetchWithTimeout } from "./run-fetch";
import { finishPoll, loadTarget, startSessionMerged, takeLeaseMerged } from "./store";
import { responseForSession } from "./scrub";

export type PollCause = "CRON" | "ADMIN" | "USER";

export interface PollSystemOptions {
  /** The clock for everything recorded (sessions, readings' session, polling_status, back-off); default now. */
  now?: Date;
  cause?: PollCause;
  /** Poll even if the system is in back-off or disabled (never a removed one). */
  force?: boolean;
  /** Vendor call timeout; default VENDOR_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Lease owner id (one per pollDueSystems run); default a fresh id. */
  leaseOwner?: string;
  /** Adapter lookup (tests); default the vendor registry. */
  resolveAdapter?: (vendorType: string) => VendorAdapter | undefined;
}

export type PollOutcome = "succeeded" | "failed" | "leased" | "skipped" | "deferred";

export interface PollResult {
  systemId: number;
  vendorType: string;
  status: PollOutcome;
  sessionId: number | null;
  durationMs: number;
  errorCode?: string;
  error?: string;
  /** Why a system was skipped (not pollable, in back-off, not active). */
  reason?: string;
  nextPollAtMs?: number | null;
  ingest?: IngestResult;
}

/**
 * Polls one system now: lease → session → decrypt credentials → adapter (with timeout) → ingest → session
 * outcome + polling_status (+ back-off on failure). Never throws for vendor or storage failures: they become
 * a failed session. Throws only if the system does not exist.
 */
export async function pollSystem(systemId: number, options: PollSystemOptions = {}): Promise<PollResult> {
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const t0 = performance.now();
  const target = await loadTarget(systemId);
  if (!target) throw new Error(`System ${systemId} not found`);
  const { system } = target;
  const base = { systemId, vendorType: system.vendorType, sessionId: null };
  const elapsed = () => performance.now() - t0;
  const adapter = (options.resolveAdapter ?? getAdapter)(system.vendorType);
  const skip = (reason: string): PollResult => ({ ...base, status: "skipped", reason, durationMs: elapsed() });
  if (adapter && adapter.mode !== "poll") return skip(`${adapter.mode} vendor`);
  if (system.status === "removed" || (!options.force && system.status !== "active")) {
    return skip(`system is ${system.status}`);
  }
  if (!options.force && target.nextPollAtMs !== null && target.nextPollAtMs > nowMs) {
    return { ...skip("backing off after errors"), nextPollAtMs: target.nextPollAtMs };
  }

  const env = getEnv();
  const timeoutMs = options.timeoutMs ?? env.VENDOR_TIMEOUT_MS;
  const owner = options.leaseOwner ?? randomUUID();
  if (!(await takeLeaseMerged(systemId, owner, Date.now(), timeoutMs + 120_000))) {
    return { ...base, status: "leased", durationMs: elapsed() };
  }

  const sessionId = await startSessionMerged({
    systemId,
    vendorType: system.vendorType,
    cause: options.cause ?? "ADMIN",
    startedMs: nowMs,
  });
  let response: unknown;
  try {
    if (!adapter) throw new ConfigError(`No adapter is registered for vendor '${system.vendorType}'`);
    const { credentials, state } = openCredentials(adapter, target.credentials, target.state, systemId);
    const ctx: Omit<AdapterContext, "signal"> = {
      system: system as unknown as AdapterContext["system"],
      credentials,
      state,
      now,
    };
    const result = await fetchWithTimeout(adapter, ctx, timeoutMs);
    response = result.vendorResponse;
    if (result.state !== undefined)
      await saveVendorState(systemId, result.state === null ? null : encryptJson(result.state));
    const ingest = await ingestFetchResult(system, result, { sessionId, receivedMs: nowMs });
    await finishPoll({
      sessionId,
      session: {
        durationMs: elapsed(),
        successful: true,
        numRows: ingest.readingsInserted + ingest.intervalsWritten,
        response: responseForSession(response),
        sessionLabel: result.sessionLabel ?? null,
      },
      systemId,
      owner,
      status: { nowMs, successful: true, nextPollAtMs: null },
    });
    return { ...base, sessionId, status: "succeeded", durationMs: elapsed(), ingest, nextPollAtMs: null };
  } catch (err) {
    const e = classifyError(err);
    const nextPollAtMs = nowMs + backoffMs(target.consecutiveErrors + 1, e.retryAfterMs);
    await saveStateOfFailure(systemId, err);
    await finishPoll({
      sessionId,
      session: {
        durationMs: elapsed(),
        successful: false,
        errorCode: e.code,
        error: e.message.slice(0, 2000),
        numRows: 0,
        response: responseForSession(e.response ?? response),
      },
      systemId,
      owner,
      status: { nowMs, successful: false, error: e.message.slice(0, 2000), errorCode: e.code, nextPollAtMs },
    });
    logFailure(systemId, system.vendorType, e.code, e.message);
    return {
      ...base,
      sessionId,
      status: "failed",
      durationMs: elapsed(),
      errorCode: e.code,
      error: e.message,
      nextPollAtMs,
    };
  }
}

/** Saves the session state an adapter obtained before failing (a fresh login); a save error never hides the failure. */
async function saveStateOfFailure(systemId: number, err: unknown): Promise<void> {
  const state = vendorStateOf(err);
  if (state === undefined) return;
  try {
    await saveVendorState(systemId, state === null ? null : encryptJson(state));
  } catch (saveErr) {
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "vendor state not saved",
        systemId,
        // The class only: nothing of the state (encrypted or not) goes into a log line.
        error: saveErr instanceof Error ? saveErr.name : typeof saveErr,
      }),
    );
  }
}

function logFailure(systemId: number, vendorType: string, code: string, message: string) {
  console.warn(JSON.stringify({ level: "warn", message: "poll failed", systemId, vendorType, code, error: message }));
}

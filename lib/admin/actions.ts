import "server-only";
import { notFound } from "@/lib/api/errors";
import { decryptJson } from "@/lib/crypto/secrets";
import { loadPollTarget } from "@/lib/db/queries/polling";
import { getEnv } from "@/lib/env";
import { pollSystem, responseForSession, type PollResult } from "@/lib/polling";
import { finishSessionOnly, startSessionMerged } from "@/lib/polling/store";
import "@/lib/vendors";
import { getAdapter } from "@/lib/vendors/registry";
import { VendorError } from "@/lib/vendors/types";
import { getSessionDetail } from "./sessions";

/** Polls one system now for an admin (even if disabled or backing off) and returns the result with its session. */
export async function adminPollNow(systemId: number): Promise<PollResult & { session: unknown }> {
  if (!(await loadPollTarget(systemId))) throw notFound("No system with that id");
  const result = await pollSystem(systemId, { cause: "ADMIN", force: true });
  const session = result.sessionId === null ? null : await getSessionDetail(result.sessionId);
  return { ...result, session };
}

export interface ConnectionTestResult {
  ok: boolean;
  sessionId: number | null;
  durationMs: number;
  errorCode?: string;
  error?: string;
  sites?: Array<{ vendorSiteId: string; name: string }>;
  readings?: number;
}

/** Runs the adapter's connection test with the system's stored credentials; logged as an ADMIN session. */
export async function adminTestConnection(systemId: number): Promise<ConnectionTestResult> {
  const target = await loadPollTarget(systemId);
  if (!target) throw notFound("No system with that id");
  const { system } = target;
  const adapter = getAdapter(system.vendorType);
  const t0 = performance.now();
  if (!adapter?.testConnection) {
    const error = adapter
      ? `${adapter.displayName} has no connection test`
      : `No adapter is registered for '${system.vendorType}'`;
    return { ok: false, sessionId: null, durationMs: 0, errorCode: "CONFIG", error };
  }
  const sessionId = await startSessionMerged({
    systemId,
    vendorType: system.vendorType,
    cause: "ADMIN",
    startedMs: Date.now(),
  });
  const elapsed = () => performance.now() - t0;
  try {
    const credentials = target.credentials ? decryptJson<Record<string, unknown>>(target.credentials) : {};
    const state = target.state ? decryptJson<Record<string, unknown>>(target.state) : null;
    const signal = AbortSignal.timeout(getEnv().VENDOR_TIMEOUT_MS);
    const res = await adapter.testConnection({
      system: system as never,
      credentials: adapter.credentialsSchema.parse(credentials) as Record<string, unknown>,
      state,
      now: new Date(),
      signal,
    });
    const sites = res.sites.map((s) => ({ vendorSiteId: s.vendorSiteId, name: s.name }));
    await finishSessionOnly(sessionId, {
      durationMs: elapsed(),
      successful: true,
      numRows: 0,
      response: responseForSession(res.vendorResponse ?? { sites }),
      sessionLabel: "connection test",
    });
    return { ok: true, sessionId, durationMs: elapsed(), sites, readings: res.latest.length };
  } catch (err) {
    const errorCode =
      err instanceof VendorError ? err.code : err instanceof Error && err.name === "ZodError" ? "CONFIG" : "INTERNAL";
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    const response = err instanceof VendorError ? err.options.response : undefined;
    await finishSessionOnly(sessionId, {
      durationMs: elapsed(),
      successful: false,
      errorCode,
      error,
      numRows: 0,
      response: responseForSession(response),
      sessionLabel: "connection test",
    });
    return { ok: false, sessionId, durationMs: elapsed(), errorCode, error };
  }
}

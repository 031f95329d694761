import "server-only";
import { ApiError, forbidden } from "@/lib/api/errors";
import { getSystemAccess } from "@/lib/auth/require";
import type { SystemAccess } from "@/lib/auth/types";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import { rateLimit } from "@/lib/rate-limit";
import { getAdapter } from "@/lib/vendors";
import { COMPOSITE_VENDOR_TYPE } from "@/lib/vendors/composite/adapter";
import { pollSystem, type PollOutcome } from "./poll-system";

/** A person may refresh one system at most once per this window (per system, whoever asks). */
export const REFRESH_WINDOW_MS = 60_000;

/** What one refresh did for one polled system (a composite lists one per source). */
export interface RefreshedSystem {
  systemId: number;
  status: PollOutcome | "rate-limited" | "not-allowed";
  sessionId: number | null;
  durationMs: number;
  error?: string;
  reason?: string;
  retryAfterMs?: number;
}

export interface RefreshResult extends RefreshedSystem {
  /** A composite's sources, each refreshed under its own limit (a composite has no vendor of its own). */
  sources?: RefreshedSystem[];
}

const rateLimited = (retryAfterMs: number) =>
  new ApiError(
    "RATE_LIMITED",
    `This system was refreshed less than a minute ago; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    { retryAfterMs },
  );

/** One system's refresh slot (1 per REFRESH_WINDOW_MS); the wait in ms when it is taken, else null. */
async function takeSlot(systemId: number): Promise<number | null> {
  const limit = await rateLimit({ key: `refresh:system:${systemId}`, limit: 1, windowMs: REFRESH_WINDOW_MS });
  return limit.ok ? null : limit.retryAfterMs;
}

/** Why a system cannot be polled for a person (push vendor, paused, removed), or null. */
function notPollable(access: SystemAccess): string | null {
  const { system } = access;
  if (system.status === "removed") return "This system was removed: there is nothing to refresh";
  if (system.status !== "active") return "Polling of this system is paused by an admin";
  const adapter = getAdapter(system.vendorType);
  if (adapter?.mode === "push") return "This system sends its data by itself (push): there is nothing to fetch";
  if (adapter && adapter.mode !== "poll") return `${adapter.displayName} systems cannot be refreshed`;
  return null;
}

async function pollNow(systemId: number): Promise<RefreshedSystem> {
  const r = await pollSystem(systemId, { cause: "USER", force: true });
  return {
    systemId,
    status: r.status,
    sessionId: r.sessionId,
    durationMs: Math.round(r.durationMs),
    ...(r.error ? { error: r.error } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  };
}

/**
 * "Refresh now": polls a system at once through the usual polling path (session cause USER), for its owner, its
 * admins and platform admins (viewers: 403). At most once a minute per system (429 with the wait). Back-off after
 * vendor errors is bypassed, an admin's pause is not (409). A composite refreshes each source the caller may
 * change, each under its own per-system limit; the composite's own limit guards the whole action.
 */
export async function refreshSystem(access: SystemAccess): Promise<RefreshResult> {
  if (!access.canWrite)
    throw forbidden("Only the system's owner or an admin can refresh it; viewers see new data as it arrives");
  const { system } = access;
  if (system.vendorType === COMPOSITE_VENDOR_TYPE) return refreshComposite(access);
  const why = notPollable(access);
  if (why) throw new ApiError("CONFLICT", why);
  const wait = await takeSlot(system.id);
  if (wait !== null) throw rateLimited(wait);
  return pollNow(system.id);
}

async function refreshComposite(access: SystemAccess): Promise<RefreshResult> {
  const t0 = performance.now();
  const ids = sourceIdsOf(parseCompositeMetadata(access.system.metadata));
  if (ids.length === 0) throw new ApiError("CONFLICT", "This composite has no source systems to refresh");
  const wait = await takeSlot(access.system.id);
  if (wait !== null) throw rateLimited(wait);
  const sources: RefreshedSystem[] = [];
  for (const id of ids) {
    const skipped = (status: RefreshedSystem["status"], reason: string, retryAfterMs?: number): RefreshedSystem => ({
      systemId: id,
      status,
      sessionId: null,
      durationMs: 0,
      reason,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    const source = await getSystemAccess(access.caller, id);
    if (!source?.canWrite) {
      sources.push(skipped("not-allowed", "You cannot refresh this source system"));
      continue;
    }
    const why = notPollable(source);
    if (why) {
      sources.push(skipped("skipped", why));
      continue;
    }
    const sourceWait = await takeSlot(id);
    sources.push(
      sourceWait === null ? await pollNow(id) : skipped("rate-limited", "Refreshed less than a minute ago", sourceWait),
    );
  }
  const ok = sources.some((s) => s.status === "succeeded");
  return {
    systemId: access.system.id,
    status: ok ? "succeeded" : sources.some((s) => s.status === "failed") ? "failed" : "skipped",
    sessionId: null,
    durationMs: Math.round(performance.now() - t0),
    sources,
  };
}

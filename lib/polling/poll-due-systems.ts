import "server-only";
import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { listPollCandidates, type PollCandidate } from "@/lib/db/queries/polling";
import { getEnv } from "@/lib/env";
import { getAdapter } from "@/lib/vendors"; // registers every adapter
import type { AdapterContext, VendorAdapter } from "@/lib/vendors/types";
import { pollSystem, type PollCause, type PollResult } from "./poll-system";
import { closeAbandonedSessions } from "./store";

export interface PollDueOptions {
  now?: Date;
  cause?: PollCause;
  /** Only systems with `id % of === index`: several cron invocations can split a large fleet. */
  shard?: { index: number; of: number };
  /** Stop starting polls after this many ms (default POLL_TIME_BUDGET_MS); the rest are deferred. */
  budgetMs?: number;
  systemIds?: number[];
  /** Ignore isDue and back-off (admin "poll everything now"). */
  force?: boolean;
  /** Adapter lookup (tests); default the vendor registry. */
  resolveAdapter?: (vendorType: string) => VendorAdapter | undefined;
  /** Skip the one-line run summary log (a backfill replays thousands of runs). */
  quiet?: boolean;
}

export interface PollRunSummary {
  considered: number;
  due: number;
  polled: number;
  succeeded: number;
  failed: number;
  skippedLeased: number;
  deferred: number;
  /** Sessions left open by a run that died, closed as failed (INTERRUPTED) at the start of this run. */
  interrupted: number;
  durationMs: number;
  results: PollResult[];
}

/**
 * Polls every active, due system of this shard, least recently polled first, through a concurrency-limited
 * pool (POLL_CONCURRENCY overall, adapter.limits.concurrency per vendor). Systems not started within the
 * time budget are deferred; being least recently polled, they go first next run. Never throws per system.
 */
export async function pollDueSystems(options: PollDueOptions = {}): Promise<PollRunSummary> {
  const t0 = performance.now();
  const env = getEnv();
  const now = options.now ?? new Date();
  const budgetMs = options.budgetMs ?? env.POLL_TIME_BUDGET_MS;
  const resolve = options.resolveAdapter ?? getAdapter;
  const owner = randomUUID();

  // Sessions a killed run left open are closed as failed before this run starts its own.
  const interrupted = await closeAbandonedSessions(now.getTime());
  let candidates = await listPollCandidates(options.systemIds);
  if (options.shard) candidates = candidates.filter((c) => c.system.id % options.shard!.of === options.shard!.index);
  const due = candidates.filter((c) => isDue(c, resolve(c.system.vendorType), now, options.force ?? false));

  const global = pLimit(env.POLL_CONCURRENCY);
  const perVendor = new Map<string, ReturnType<typeof pLimit>>();
  const vendorLimit = (vendorType: string) => {
    if (!perVendor.has(vendorType))
      perVendor.set(vendorType, pLimit(resolve(vendorType)?.limits?.concurrency ?? Infinity));
    return perVendor.get(vendorType)!;
  };

  const run = async (c: PollCandidate): Promise<PollResult> => {
    const elapsed = performance.now() - t0;
    const base = { systemId: c.system.id, vendorType: c.system.vendorType, sessionId: null, durationMs: 0 };
    if (elapsed >= budgetMs) return { ...base, status: "deferred" };
    if (c.leaseUntilMs !== null && c.leaseUntilMs > Date.now()) return { ...base, status: "leased" };
    // A poll started late gets only what is left of the budget, so the run ends before maxDuration.
    const timeoutMs = Math.max(1_000, Math.min(env.VENDOR_TIMEOUT_MS, budgetMs - elapsed));
    try {
      return await pollSystem(c.system.id, {
        now,
        cause: options.cause ?? "CRON",
        force: true,
        timeoutMs,
        leaseOwner: owner,
        resolveAdapter: resolve,
      });
    } catch (err) {
      console.error(
        JSON.stringify({ level: "error", message: "poll crashed", systemId: c.system.id, error: String(err) }),
      );
      return { ...base, status: "failed", errorCode: "INTERNAL", error: String(err) };
    }
  };
  // Vendor slot first, then a global slot: systems waiting on a slow vendor do not hold global slots.
  const results = await Promise.all(due.map((c) => vendorLimit(c.system.vendorType)(() => global(() => run(c)))));

  const count = (s: PollResult["status"]) => results.filter((r) => r.status === s).length;
  const summary: PollRunSummary = {
    considered: candidates.length,
    due: due.length,
    polled: count("succeeded") + count("failed"),
    succeeded: count("succeeded"),
    failed: count("failed"),
    skippedLeased: count("leased"),
    deferred: count("deferred"),
    interrupted,
    durationMs: Math.round(performance.now() - t0),
    results,
  };
  const { results: _omit, ...line } = summary;
  if (!options.quiet) console.info(JSON.stringify({ level: "info", message: "poll run", ...line }));
  return summary;
}

/** Back-off first, then the adapter's own schedule; unknown vendors are "due" so the CONFIG error is recorded. */
function isDue(c: PollCandidate, adapter: VendorAdapter | undefined, now: Date, force: boolean): boolean {
  if (adapter && adapter.mode !== "poll") return false;
  if (force) return true;
  if (c.nextPollAtMs !== null && c.nextPollAtMs > now.getTime()) return false;
  if (!adapter) return true;
  try {
    return adapter.isDue(c.system as unknown as AdapterContext["system"], c.lastPollMs, now);
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", message: "isDue threw", systemId: c.system.id, error: String(err) }),
    );
    return false;
  }
}

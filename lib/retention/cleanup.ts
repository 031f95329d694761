import "server-only";
import { dayBounds, localDay, nextDay } from "@/lib/time";
import { archiveRows, archiveSinkFromEnv, type ArchiveSink } from "./archive";
import { countExpiring, deleteExpiring, listSystemsWithData, oldestOf, selectExpiring, type DaySpan } from "./store";
import { retentionFromEnv, TIERS, type Retention, type Tier } from "./tiers";

const DAY_MS = 86_400_000;

export interface TierOutcome {
  /** Days the tier keeps (null: for ever, nothing is removed). */
  days: number | null;
  /** Rows removed (raw: readings). */
  removed: number;
  /** Rows written to archive files before they were removed. */
  archived: number;
  /** Archive files written (one per system and local month). */
  files: number;
}

export interface RetentionOutcome {
  tiers: Record<Tier, TierOutcome>;
  systems: number;
  /** Where the archive went, or null when none is configured. */
  archive: string | null;
}

export interface RetentionOptions {
  now?: Date;
  retention?: Partial<Retention>;
  /** The archive to write before deleting; default the configured one (ARCHIVE_MODE), null for none. */
  sink?: ArchiveSink | null;
}

/**
 * A system's local days of a tier that are past its retention, grouped by local month (YYYY-MM), oldest first:
 * from the tier's oldest row to the day before the cutoff day (the local day `days` days before now).
 */
export async function expiredMonths(
  tier: Tier,
  system: { id: number; zone: string },
  days: number,
  nowMs: number,
): Promise<Array<{ month: string; days: DaySpan[] }>> {
  const cutoffDay = localDay(nowMs - days * DAY_MS, system.zone);
  const oldest = await oldestOf(tier, system.id);
  if (oldest === null) return [];
  // A 5- or 30-minute row belongs to the day its interval ENDS in: one ending at midnight is the day before's.
  const firstDay = typeof oldest === "string" ? oldest : localDay(tier === "raw" ? oldest : oldest - 1, system.zone);
  const months: Array<{ month: string; days: DaySpan[] }> = [];
  for (let day = firstDay; day < cutoffDay; day = nextDay(day)) {
    const month = day.slice(0, 7);
    if (months[months.length - 1]?.month !== month) months.push({ month, days: [] });
    months[months.length - 1].days.push({ day, ...dayBounds(day, system.zone) });
  }
  return months;
}

/**
 * Applies the retention tiers, finest first, to every system: a tier's rows past its retention are removed only
 * where the next level has stored them (lib/retention/store.ts), and, with an archive, only after they were
 * written to it (one Parquet file per tier, system and local month; the delete removes exactly the rows written).
 */
export async function runRetention(options: RetentionOptions = {}): Promise<RetentionOutcome> {
  const nowMs = (options.now ?? new Date()).getTime();
  const retention = { ...retentionFromEnv(), ...options.retention };
  const sink = options.sink === undefined ? archiveSinkFromEnv() : options.sink;
  const tiers = Object.fromEntries(
    TIERS.map((t) => [t, { days: retention[t], removed: 0, archived: 0, files: 0 }]),
  ) as Record<Tier, TierOutcome>;
  const systems = await listSystemsWithData();
  for (const system of systems) {
    for (const tier of TIERS) {
      const days = retention[tier];
      if (days === null) continue;
      for (const { month, days: span } of await expiredMonths(tier, system, days, nowMs)) {
        const out = tiers[tier];
        if (!sink) {
          out.removed += await deleteExpiring(tier, system.id, span, null);
          continue;
        }
        const rows = await selectExpiring(tier, system.id, span);
        if (!rows.length) continue;
        await archiveRows(sink, tier, system.id, month, rows);
        out.archived += rows.length;
        out.files += 1;
        out.removed += await deleteExpiring(tier, system.id, span, rows);
      }
    }
  }
  return { tiers, systems: systems.length, archive: sink?.where ?? null };
}

/** What the next cleanup would remove per tier (rows; raw: polls, each a packed row of readings), removing nothing. */
export async function previewRetention(
  options: { now?: Date; retention?: Partial<Retention> } = {},
): Promise<Record<Tier, number>> {
  const nowMs = (options.now ?? new Date()).getTime();
  const retention = { ...retentionFromEnv(), ...options.retention };
  const out = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const system of await listSystemsWithData()) {
    for (const tier of TIERS) {
      const days = retention[tier];
      if (days === null) continue;
      for (const { days: span } of await expiredMonths(tier, system, days, nowMs)) {
        out[tier] += await countExpiring(tier, system.id, span);
      }
    }
  }
  return out;
}

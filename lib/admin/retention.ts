import "server-only";
import { archiveSinkFromEnv, previewRetention, retentionFromEnv, TIER_LABELS, TIERS, type Tier } from "@/lib/retention";
import { tierSize } from "@/lib/retention/store";

const DAY_MS = 86_400_000;
/** The intake rate is measured over this many recent days. */
export const INTAKE_WINDOW_DAYS = 30;

export interface TierStats {
  tier: Tier;
  label: string;
  /** Days the tier keeps, null for ever. */
  days: number | null;
  /** Rows now (raw: polls, each a packed row of every point's readings). */
  rows: number;
  /** Bytes of the table's b-trees, null where the database cannot tell (remote). */
  bytes: number | null;
  /** Rows dated in the last INTAKE_WINDOW_DAYS days, scaled to a year. */
  rowsPerYear: number;
  /** Rows a year from now at today's intake: everything kept for ever, or the retention's steady state. */
  projectedRows: number;
  projectedBytes: number | null;
  /** Rows the next cleanup would remove (past retention and held by the next level). */
  nextCleanupRows: number;
}

export interface RetentionStats {
  tiers: TierStats[];
  /** Where removed rows are archived first (a folder or s3://bucket/prefix), or null when they are not. */
  archive: string | null;
  measuredAt: number;
}

/** A year's projection of a tier at a steady intake: grows for ever, or settles at intake × retention. */
export function projectRows(rows: number, rowsPerYear: number, days: number | null): number {
  const grown = rows + rowsPerYear;
  if (days === null) return Math.round(grown);
  return Math.round(Math.min(grown, (rowsPerYear / 365) * days));
}

/** Each retention tier's size, intake, projection for the next year, and what the next cleanup removes. */
export async function getRetentionStats(now = new Date()): Promise<RetentionStats> {
  const nowMs = now.getTime();
  const retention = retentionFromEnv();
  const sinceMs = nowMs - INTAKE_WINDOW_DAYS * DAY_MS;
  const sinceDay = new Date(sinceMs).toISOString().slice(0, 10);
  const next = await previewRetention({ now });
  const tiers: TierStats[] = [];
  for (const tier of TIERS) {
    const size = await tierSize(tier, sinceMs, sinceDay);
    const rowsPerYear = Math.round((size.recentRows * 365) / INTAKE_WINDOW_DAYS);
    const projectedRows = projectRows(size.rows, rowsPerYear, retention[tier]);
    const perRow = size.bytes !== null && size.rows > 0 ? size.bytes / size.rows : null;
    tiers.push({
      tier,
      label: TIER_LABELS[tier],
      days: retention[tier],
      rows: size.rows,
      bytes: size.bytes,
      rowsPerYear,
      projectedRows,
      projectedBytes: perRow === null ? null : Math.round(perRow * projectedRows),
      nextCleanupRows: next[tier],
    });
  }
  return { tiers, archive: archiveSinkFromEnv()?.where ?? null, measuredAt: nowMs };
}

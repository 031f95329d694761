import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RetentionStats } from "@/lib/admin";
import { formatBytes, formatUtc } from "./format";

const n = (v: number) => v.toLocaleString("en");

/** Per retention tier: how long it keeps, rows and bytes now, the next year's projection, the next cleanup. */
export function RetentionTable({ stats }: { stats: RetentionStats }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        The weekly cleanup removes a tier&apos;s rows past its retention only where the next level holds them.{" "}
        {stats.archive ? (
          <>
            Removed rows are archived first as Parquet to <span className="font-mono">{stats.archive}</span>.
          </>
        ) : (
          <>No archive is configured: removed rows are not kept anywhere (ARCHIVE_MODE).</>
        )}{" "}
        Measured {formatUtc(stats.measuredAt)}; projections assume the last 30 days&apos; intake.
      </p>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Tier</TableHead>
            <TableHead>Keeps</TableHead>
            <TableHead className="text-right">Rows</TableHead>
            <TableHead className="text-right">Size</TableHead>
            <TableHead className="text-right">Rows / year</TableHead>
            <TableHead className="text-right">In a year</TableHead>
            <TableHead className="text-right">Next cleanup removes</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {stats.tiers.map((t) => (
            <TableRow key={t.tier} data-testid={`tier-${t.tier}`}>
              <TableCell>
                {t.label}
                {t.tier === "raw" && <span className="block text-xs text-muted-foreground">rows are polls</span>}
              </TableCell>
              <TableCell>{t.days === null ? "for ever" : `${n(t.days)} days`}</TableCell>
              <TableCell className="text-right tabular-nums">{n(t.rows)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatBytes(t.bytes)}</TableCell>
              <TableCell className="text-right tabular-nums">{n(t.rowsPerYear)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {n(t.projectedRows)}
                <span className="block text-xs text-muted-foreground">{formatBytes(t.projectedBytes)}</span>
              </TableCell>
              <TableCell className="text-right tabular-nums">{n(t.nextCleanupRows)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

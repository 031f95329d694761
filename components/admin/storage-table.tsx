import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { StorageStats } from "@/lib/admin";
import { formatBytes, formatUtc } from "./format";

const when = (v: number | string | null) => (typeof v === "number" ? formatUtc(v) : (v ?? "—"));

/** Database size and, per table, rows with the oldest and newest entry. */
export function StorageTable({ stats }: { stats: StorageStats }) {
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Database size: <strong data-testid="db-size">{formatBytes(stats.databaseBytes)}</strong>
        {stats.pageCount !== null ? (
          <span className="text-muted-foreground">
            {" "}
            ({stats.pageCount.toLocaleString("en")} pages × {stats.pageSize} bytes)
          </span>
        ) : null}
      </p>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Table</TableHead>
            <TableHead className="text-right">Rows</TableHead>
            <TableHead>Oldest</TableHead>
            <TableHead>Newest</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {stats.tables.map((t) => (
            <TableRow key={t.table}>
              <TableCell className="font-mono text-xs">{t.table}</TableCell>
              <TableCell className="text-right tabular-nums">{t.rows.toLocaleString("en")}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{when(t.oldest)}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{when(t.newest)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

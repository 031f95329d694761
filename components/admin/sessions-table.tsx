import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SessionRow } from "@/lib/admin";
import { formatUtc } from "./format";

/** Outcome badge of a session: succeeded, failed (with code) or still running. */
export function SessionOutcome({ s }: { s: Pick<SessionRow, "successful" | "errorCode"> }) {
  if (s.successful === null) return <Badge variant="secondary">running</Badge>;
  return s.successful ? (
    <Badge variant="outline">ok</Badge>
  ) : (
    <Badge variant="destructive">{s.errorCode ?? "failed"}</Badge>
  );
}

/** One page of sessions, each linking to its detail. */
export function SessionsTable({ rows }: { rows: SessionRow[] }) {
  if (!rows.length) return <p className="text-sm text-muted-foreground">No sessions match these filters.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Started (UTC)</TableHead>
          <TableHead>System</TableHead>
          <TableHead>Vendor</TableHead>
          <TableHead>Cause</TableHead>
          <TableHead>Result</TableHead>
          <TableHead className="text-right">Duration</TableHead>
          <TableHead className="text-right">Rows</TableHead>
          <TableHead>Error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((s) => (
          <TableRow key={s.id}>
            <TableCell>
              <Link href={`/admin/sessions/${s.id}`} className="underline-offset-4 hover:underline">
                {s.id}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">{formatUtc(s.started)}</TableCell>
            <TableCell>
              {s.systemName ?? "?"} <span className="text-xs text-muted-foreground">#{s.systemId}</span>
            </TableCell>
            <TableCell>{s.vendorType}</TableCell>
            <TableCell>{s.cause}</TableCell>
            <TableCell>
              <SessionOutcome s={s} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{s.durationMs} ms</TableCell>
            <TableCell className="text-right tabular-nums">{s.numRows}</TableCell>
            <TableCell className="max-w-xs truncate text-xs text-muted-foreground" title={s.error ?? undefined}>
              {s.error ?? ""}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

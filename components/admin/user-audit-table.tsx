import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/admin";
import { formatUtc } from "./format";

const ACTION_TEXT: Record<AuditEntry["action"], string> = {
  "grant-admin": "made platform admin",
  "revoke-admin": "revoked platform admin",
  disable: "disabled",
  enable: "enabled",
};

/** The admin audit log: who changed what about whom, and when (newest first). */
export function UserAuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No changes to users yet.</p>;
  return (
    <Table aria-label="Audit log of changes to users">
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Whom</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="whitespace-nowrap text-xs">{formatUtc(e.at)}</TableCell>
            <TableCell className="text-sm">{e.actor.displayName}</TableCell>
            <TableCell className="text-sm">{ACTION_TEXT[e.action]}</TableCell>
            <TableCell className="text-sm">{e.target.displayName}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminSystemRow } from "@/lib/admin";
import { formatAge } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ApiSpendMeter } from "@/components/vendors/api-spend";
import { formatUtc } from "./format";
import { SystemActions } from "./system-actions";

const STATUS_VARIANT = { active: "default", disabled: "secondary", removed: "outline" } as const;

/** Every system: vendor, owner, status, polling health (failing ones highlighted), quota, and actions. */
export function SystemsTable({ rows, nowMs }: { rows: AdminSystemRow[]; nowMs: number }) {
  if (!rows.length) return <p className="text-sm text-muted-foreground">No systems yet.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>System</TableHead>
          <TableHead>Vendor</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last poll</TableHead>
          <TableHead>Last success</TableHead>
          <TableHead>Errors in a row</TableHead>
          <TableHead>Calls left today</TableHead>
          <TableHead>Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const failing = r.consecutiveErrors > 0;
          return (
            <TableRow
              key={r.id}
              data-testid={`admin-system-${r.id}`}
              data-computed={r.computed ? "true" : undefined}
              className={cn(failing && "bg-destructive/10")}
            >
              <TableCell>
                <div className="font-medium">{r.displayName}</div>
                <div className="text-xs text-muted-foreground">
                  #{r.id}
                  {r.alias ? ` · ${r.alias}` : ""} · site {r.vendorSiteId}
                </div>
              </TableCell>
              <TableCell>{r.vendorType}</TableCell>
              <TableCell>{r.owner.displayName ?? r.owner.id}</TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[r.status]}>{r.status}</Badge>
              </TableCell>
              <PollCells row={r} nowMs={nowMs} />
              <TableCell>
                {failing ? (
                  <div>
                    <Badge variant="destructive">{r.consecutiveErrors}</Badge>
                    <div className="mt-1 max-w-xs truncate text-xs text-destructive" title={r.lastError ?? undefined}>
                      {r.lastErrorCode}: {r.lastError}
                    </div>
                    <Link href={`/admin/sessions?systemId=${r.id}&success=false`} className="text-xs underline">
                      failed sessions
                    </Link>
                  </div>
                ) : (
                  "0"
                )}
              </TableCell>
              <TableCell>
                {r.callsLeftToday === null
                  ? "—"
                  : `${r.callsLeftToday} / ${r.dailyLimit}${r.quotaPeriod === "month" ? " this month" : ""}`}
                {r.spend && <ApiSpendMeter spend={r.spend} />}
              </TableCell>
              <TableCell>
                <SystemActions systemId={r.id} status={r.status} computed={r.computed !== null} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Last poll and last success; a computed system (composite) is never polled, so it shows its sources instead. */
function PollCells({ row: r, nowMs }: { row: AdminSystemRow; nowMs: number }) {
  if (r.computed) {
    const { sources, oldestSourceSuccess, sourcesNeverPolled } = r.computed;
    return (
      <>
        <TableCell data-testid="admin-last-poll">
          computed from {sources} source{sources === 1 ? "" : "s"}
        </TableCell>
        <TableCell title={`Oldest last success among its sources: ${formatUtc(oldestSourceSuccess)}`}>
          {oldestSourceSuccess === null
            ? "no source has reported"
            : `oldest source ${formatAge(nowMs - oldestSourceSuccess)}`}
          {sourcesNeverPolled > 0 && oldestSourceSuccess !== null && (
            <div className="text-xs text-muted-foreground">{sourcesNeverPolled} never reported</div>
          )}
        </TableCell>
      </>
    );
  }
  return (
    <>
      <TableCell title={formatUtc(r.lastPollTime)} data-testid="admin-last-poll">
        {r.lastPollTime ? formatAge(nowMs - r.lastPollTime) : "never"}
      </TableCell>
      <TableCell title={formatUtc(r.lastSuccessTime)}>
        {r.lastSuccessTime ? formatAge(nowMs - r.lastSuccessTime) : "never"}
      </TableCell>
    </>
  );
}

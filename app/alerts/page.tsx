import type { Metadata } from "next";
import { AlertActions } from "@/components/alerts/alert-actions";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { QuietHoursSettingsForm } from "@/components/alerts/quiet-hours-settings";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { alertListQuerySchema, alertsForUser, quietHoursOf } from "@/lib/alerts/service";
import { requirePageUser } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const STATE_LABEL: Record<string, string> = {
  active: "Active",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  expired: "Expired",
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /alerts: every alert the user may see, filtered by state and severity, with acknowledge and resolve buttons (a
 * platform admin's also on vendor outages, for the fleet), and the person's notification settings (quiet hours).
 */
export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser("/alerts");
  const params = await searchParams;
  const state = first(params.state) || "open";
  const severity = first(params.severity) || "";
  const parsed = alertListQuerySchema.safeParse({
    state: state === "open" ? "active,acknowledged" : state === "all" ? undefined : state,
    severity: severity || undefined,
    limit: "100",
  });
  const query = parsed.success ? parsed.data : alertListQuerySchema.parse({});
  const [{ alerts, unread, emailEnabled }, quietHours] = await Promise.all([
    alertsForUser(user, query),
    quietHoursOf(user.userId),
  ]);
  return (
    <main className="container space-y-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Alerts</h1>
          <p className="text-sm text-muted-foreground">
            {unread === 0
              ? "Nothing needs attention."
              : `${unread} open alert${unread === 1 ? "" : "s"} not yet acknowledged.`}
            {emailEnabled ? "" : " Email notifications are off on this server (no SMTP configured)."}
          </p>
        </div>
        <AlertFilters state={state} severity={severity} />
      </div>
      {alerts.length === 0 ? (
        <p className="rounded-md border p-6 text-center text-sm text-muted-foreground" data-testid="alerts-empty">
          No alerts match these filters.
        </p>
      ) : (
        <Table aria-label="Alerts">
          <TableHeader>
            <TableRow>
              <TableHead>Alert</TableHead>
              <TableHead>System</TableHead>
              <TableHead>Severity</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Raised</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {alerts.map((a) => (
              <TableRow key={a.id} data-testid="alert-row" data-alert-id={a.id} data-state={a.state}>
                <TableCell>
                  <div className="font-medium">{a.title}</div>
                  <div className="text-sm text-muted-foreground">{a.message}</div>
                </TableCell>
                <TableCell>{a.systemName ?? "All systems of this vendor"}</TableCell>
                <TableCell>
                  <Badge
                    variant={
                      a.severity === "critical" ? "destructive" : a.severity === "warning" ? "default" : "secondary"
                    }
                  >
                    {a.severity}
                  </Badge>
                </TableCell>
                <TableCell>
                  {STATE_LABEL[a.state] ?? a.state}
                  {a.held ? <span className="block text-xs text-muted-foreground">held: vendor outage</span> : null}
                </TableCell>
                <TableCell>
                  <time dateTime={new Date(a.firedAtMs).toISOString()}>
                    {new Date(a.firedAtMs).toISOString().replace("T", " ").slice(0, 16)} UTC
                  </time>
                </TableCell>
                <TableCell>
                  {(a.systemId !== null || user.isPlatformAdmin) &&
                  (a.state === "active" || a.state === "acknowledged") ? (
                    <AlertActions systemId={a.systemId} alertId={a.id} state={a.state} title={a.title} />
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <QuietHoursSettingsForm initial={quietHours} />
    </main>
  );
}

import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PollHealth } from "@/lib/admin";
import { formatUtc } from "./format";

const ms = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("en")} ms`);
const rate = (v: number | null) => (v === null ? "—" : `${v}%`);
const codes = (errors: Record<string, number>) =>
  Object.entries(errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} × ${n}`)
    .join(", ") || "—";

/** Poll health: per vendor the window's success rate, durations and errors, hour by hour; systems failing now. */
export function HealthView({ health }: { health: PollHealth }) {
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted-foreground">
        Sessions since {formatUtc(health.sinceMs)} (UTC hours). Error rate = failed ÷ finished; durations are
        nearest-rank percentiles.
      </p>
      <section className="space-y-2" aria-labelledby="failing-now">
        <h2 id="failing-now" className="text-lg font-semibold">
          Failing now ({health.failingNow.length})
        </h2>
        {health.failingNow.length ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>System</TableHead>
                <TableHead>Vendor</TableHead>
                <TableHead className="text-right">Failures in a row</TableHead>
                <TableHead>Last error</TableHead>
                <TableHead>Last success</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {health.failingNow.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link className="underline" href={`/admin/sessions?systemId=${s.id}`}>
                      {s.displayName}
                    </Link>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{s.vendor}</TableCell>
                  <TableCell className="text-right tabular-nums">{s.consecutiveErrors}</TableCell>
                  <TableCell className="text-xs">
                    {s.lastErrorCode ?? "—"} · {formatUtc(s.lastErrorTime)}
                  </TableCell>
                  <TableCell className="text-xs">{formatUtc(s.lastSuccessTime)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p className="text-sm">No active system is failing.</p>
        )}
      </section>
      {health.vendors.map((v) => (
        <section
          key={v.vendor}
          className="space-y-2"
          aria-labelledby={`vendor-${v.vendor}`}
          data-testid="vendor-health"
        >
          <h2 id={`vendor-${v.vendor}`} className="text-lg font-semibold">
            <span className="font-mono">{v.vendor}</span>
          </h2>
          <p className="text-sm">
            {v.sessions.toLocaleString("en")} sessions · success {rate(v.successRatePct)} · p50 {ms(v.p50Ms)} · p95{" "}
            {ms(v.p95Ms)} · errors: {codes(v.errors)}
          </p>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Hour (UTC)</TableHead>
                <TableHead className="text-right">Sessions</TableHead>
                <TableHead className="text-right">Error rate</TableHead>
                <TableHead className="text-right">p50</TableHead>
                <TableHead className="text-right">p95</TableHead>
                <TableHead>Errors</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...v.hours].reverse().map((h) => (
                <TableRow key={h.hourMs}>
                  <TableCell className="whitespace-nowrap text-xs">{formatUtc(h.hourMs)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {h.sessions}
                    {h.pending ? <span className="text-xs text-muted-foreground"> ({h.pending} pending)</span> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{rate(h.errorRatePct)}</TableCell>
                  <TableCell className="text-right tabular-nums">{ms(h.p50Ms)}</TableCell>
                  <TableCell className="text-right tabular-nums">{ms(h.p95Ms)}</TableCell>
                  <TableCell className="text-xs">{codes(h.errors)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ))}
    </div>
  );
}

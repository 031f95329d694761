"use client";

import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { BackfillView } from "@/lib/backfill/status";

const STATUS: Record<BackfillView["status"], string> = {
  running: "Importing",
  waiting: "Waiting for the vendor's quota",
  done: "Finished",
  cancelled: "Cancelled",
  failed: "Stopped by an error",
};

const when = (ms: number | null) =>
  ms === null ? "—" : new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: "medium" });

/** "Import history from <date>" for owners: starts, shows progress, calls left and an estimated finish, cancels. */
export function BackfillPanel({ systemId, initial }: { systemId: number; initial: BackfillView | null }) {
  const [job, setJob] = useState(initial);
  const [from, setFrom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const active = job?.status === "running" || job?.status === "waiting";

  const call = useCallback(
    async (method: "GET" | "POST" | "DELETE", body?: unknown) => {
      setPending(true);
      setError(null);
      const res = await fetch(`/api/systems/${systemId}/backfill`, {
        method,
        ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json().catch(() => ({}))) as { job?: BackfillView | null; error?: { message?: string } };
      setPending(false);
      if (!res.ok) setError(json.error?.message ?? `The request failed (${res.status})`);
      else if (json.job !== undefined) setJob(json.job);
    },
    [systemId],
  );

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void call("GET"), 60_000);
    return () => clearInterval(timer);
  }, [active, call]);

  return (
    <div className="space-y-4 text-sm" data-testid="backfill-panel">
      {job && (
        <div className="space-y-2">
          <p>
            <strong>{STATUS[job.status]}</strong>: {day(job.fromMs)} to {day(job.toMs)}
          </p>
          <progress
            className="h-2 w-full"
            max={100}
            value={Math.round(job.progress * 100)}
            aria-label={`History imported: ${Math.round(job.progress * 100)}%`}
          />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted-foreground">Imported through</dt>
            <dd>{when(job.cursorMs)}</dd>
            <dt className="text-muted-foreground">Values stored</dt>
            <dd>{job.rowsWritten.toLocaleString()}</dd>
            <dt className="text-muted-foreground">Calls left today</dt>
            <dd>
              {job.callsLeftToday} of {job.callsPerDay} ({job.callsNeeded} still needed)
            </dd>
            <dt className="text-muted-foreground">Estimated finish</dt>
            <dd>{when(job.estimatedFinishMs)}</dd>
            {job.lastError && (
              <>
                <dt className="text-muted-foreground">Last problem</dt>
                <dd>{job.lastError}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      {active ? (
        <Button type="button" variant="outline" disabled={pending} onClick={() => void call("DELETE")}>
          Cancel the import
        </Button>
      ) : (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void call("POST", { from });
          }}
        >
          <Field
            id="backfill-from"
            label="Import history from"
            help="Imported values never replace measured ones; the import runs within the vendor's daily quota."
          >
            <Input
              id="backfill-from"
              type="date"
              required
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-describedby="backfill-from-help"
            />
          </Field>
          <Button type="submit" disabled={pending || !from}>
            {pending ? "Starting…" : "Import history"}
          </Button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

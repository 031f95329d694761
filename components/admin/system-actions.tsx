"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { sendJson } from "./send-json";

type Action = "poll" | "test" | "status";
type State = { action: Action; phase: "pending" } | { action: Action; phase: "done" | "failed"; text: string };

interface PollAnswer {
  status: string;
  sessionId: number | null;
  durationMs: number;
  error?: string;
  reason?: string;
  ingest?: { readingsInserted?: number };
}
interface TestAnswer {
  ok: boolean;
  error?: string;
  sites?: Array<{ name: string }>;
}

/** Status select, "Poll now" and "Test connection" for one system, with pending → done/failed feedback. */
export function SystemActions({
  systemId,
  status,
  computed = false,
}: {
  systemId: number;
  status: string;
  /** A composite is computed from its sources: there is no vendor to poll or test. */
  computed?: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<State | null>(null);
  const busy = state?.phase === "pending";

  async function run(action: Action, call: () => Promise<{ ok: boolean; text: string }>) {
    setState({ action, phase: "pending" });
    const { ok, text } = await call();
    setState({ action, phase: ok ? "done" : "failed", text });
    router.refresh();
  }

  const poll = () =>
    run("poll", async () => {
      const r = await sendJson<PollAnswer>(`/api/admin/systems/${systemId}/poll`, "POST");
      if (!r.ok) return { ok: false, text: r.message };
      const d = r.data;
      const session = d.sessionId ? ` · session #${d.sessionId}` : "";
      if (d.status === "succeeded")
        return {
          ok: true,
          text: `Polled in ${Math.round(d.durationMs)} ms, ${d.ingest?.readingsInserted ?? 0} readings${session}`,
        };
      return { ok: false, text: `${d.status}: ${d.error ?? d.reason ?? "no details"}${session}` };
    });
  const test = () =>
    run("test", async () => {
      const r = await sendJson<TestAnswer>(`/api/admin/systems/${systemId}/test`, "POST");
      if (!r.ok) return { ok: false, text: r.message };
      return r.data.ok
        ? { ok: true, text: `Connection OK: ${r.data.sites?.map((s) => s.name).join(", ") || "no sites listed"}` }
        : { ok: false, text: r.data.error ?? "Connection failed" };
    });
  const setStatus = (next: string) =>
    run("status", async () => {
      const r = await sendJson(`/api/admin/systems/${systemId}`, "PATCH", { status: next });
      return r.ok ? { ok: true, text: `Status set to ${next}` } : { ok: false, text: r.message };
    });

  return (
    <div className="flex min-w-[16rem] flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label="Status"
          value={status}
          disabled={busy}
          onChange={(e) => setStatus(e.target.value)}
          className="h-9 w-28"
        >
          <option value="active">active</option>
          <option value="disabled">disabled</option>
          <option value="removed">removed</option>
        </Select>
        {!computed && (
          <>
            <Button size="sm" variant="outline" disabled={busy} onClick={poll} data-testid={`poll-${systemId}`}>
              {state?.action === "poll" && busy ? "Polling…" : "Poll now"}
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={test}>
              {state?.action === "test" && busy ? "Testing…" : "Test"}
            </Button>
          </>
        )}
      </div>
      {state && state.phase !== "pending" ? (
        <p role="status" className={state.phase === "done" ? "text-xs text-emerald-600" : "text-xs text-destructive"}>
          {state.text}
        </p>
      ) : null}
    </div>
  );
}

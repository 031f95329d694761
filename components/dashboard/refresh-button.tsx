"use client";

import { RefreshCw } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface RefreshAnswer {
  status: string;
  error?: string;
  reason?: string;
  sources?: Array<{ status: string }>;
}

type State = { phase: "idle" } | { phase: "pending" } | { phase: "done" | "failed"; text: string };

/** The message a refresh answer deserves: success, or why the vendor gave nothing new. */
export function refreshMessage(a: RefreshAnswer): { ok: boolean; text: string } {
  if (a.sources) {
    const done = a.sources.filter((s) => s.status === "succeeded").length;
    return { ok: done > 0, text: `Refreshed ${done} of ${a.sources.length} source systems` };
  }
  if (a.status === "succeeded") return { ok: true, text: "Refreshed just now" };
  if (a.status === "leased") return { ok: true, text: "A refresh is already running; new values follow shortly" };
  return { ok: false, text: `Refresh failed: ${a.error ?? a.reason ?? a.status}` };
}

/**
 * "Refresh now": asks the vendor for new data at once (POST /api/systems/{id}/refresh), then reloads the live
 * values. Viewers see it disabled with the reason; a refresh within a minute of the last shows the wait.
 */
export function RefreshButton({
  systemId,
  disabledReason,
  onRefreshed,
}: {
  systemId: number;
  /** Why this person cannot refresh (viewers); the button is then disabled and the reason shown. */
  disabledReason?: string;
  onRefreshed: () => void;
}) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const [blockedUntil, setBlockedUntil] = useState(0);
  const noteId = useId();
  const pending = state.phase === "pending";

  useEffect(() => {
    if (blockedUntil === 0) return;
    const t = window.setTimeout(() => setBlockedUntil(0), Math.max(0, blockedUntil - Date.now()));
    return () => window.clearTimeout(t);
  }, [blockedUntil]);

  async function refresh() {
    setState({ phase: "pending" });
    const r = await sendJson<RefreshAnswer>(`/api/systems/${systemId}/refresh`, "POST");
    if (!r.ok) {
      if (r.status === 429) setBlockedUntil(Date.now() + 60_000);
      setState({ phase: "failed", text: r.message });
      return;
    }
    const { ok, text } = refreshMessage(r.data);
    setState({ phase: ok ? "done" : "failed", text });
    setBlockedUntil(Date.now() + 60_000);
    onRefreshed();
  }

  const note = disabledReason ?? (state.phase === "done" || state.phase === "failed" ? state.text : null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {note ? (
        <p
          id={noteId}
          role={disabledReason ? undefined : "status"}
          data-testid="refresh-note"
          className={cn(
            "text-xs",
            disabledReason || state.phase === "done" ? "text-muted-foreground" : "text-destructive",
          )}
        >
          {note}
        </p>
      ) : null}
      <Button
        size="sm"
        variant="outline"
        onClick={refresh}
        disabled={Boolean(disabledReason) || pending || blockedUntil > 0}
        aria-describedby={note ? noteId : undefined}
        data-testid="refresh-now"
      >
        <RefreshCw aria-hidden="true" className={cn(pending && "animate-spin")} />
        {pending ? "Refreshing…" : "Refresh now"}
      </Button>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Acknowledge and resolve buttons of one alert; the page refreshes with the new state. */
export function AlertActions({
  systemId,
  alertId,
  state,
  title,
}: {
  systemId: number;
  alertId: number;
  state: string;
  title: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: "acknowledge" | "resolve") {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/systems/${systemId}/alerts/${alertId}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ action }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `Failed (HTTP ${res.status})`);
      }
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {state === "active" ? (
        <Button
          size="sm"
          variant="outline"
          disabled={busy}
          onClick={() => act("acknowledge")}
          aria-label={`Acknowledge: ${title}`}
        >
          Acknowledge
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="outline"
        disabled={busy}
        onClick={() => act("resolve")}
        aria-label={`Resolve: ${title}`}
      >
        Resolve
      </Button>
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

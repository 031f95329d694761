"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Acknowledge and resolve buttons of one alert; the page refreshes with the new state. A fleet alert (vendor outage,
 * `systemId` null: platform admins only) is acted on once for the fleet, with the system alerts it holds back.
 */
export function AlertActions({
  systemId,
  alertId,
  state,
  title,
}: {
  systemId: number | null;
  alertId: number;
  state: string;
  title: string;
}) {
  const fleet = systemId === null;
  const url = fleet ? `/api/alerts/${alertId}` : `/api/systems/${systemId}/alerts/${alertId}`;
  const suffix = fleet ? " outage" : "";
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: "acknowledge" | "resolve") {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(url, {
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
          aria-label={`Acknowledge${suffix}: ${title}`}
        >
          Acknowledge{suffix}
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="outline"
        disabled={busy}
        onClick={() => act("resolve")}
        aria-label={`Resolve${suffix}: ${title}`}
      >
        Resolve{suffix}
      </Button>
      {fleet ? (
        <p className="w-full text-right text-xs text-muted-foreground">
          Also acknowledges the system alerts it holds back.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

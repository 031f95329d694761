"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Owners of a push system issue a new push secret; the old one stops working at once and the new one shows once. */
export function PushKeyCard({ systemId }: { systemId: number }) {
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function rotate() {
    if (!window.confirm("Issue a new push key? The logger must be updated: the old key stops working now.")) return;
    setPending(true);
    setError(null);
    const res = await fetch(`/api/systems/${systemId}/push-key`, { method: "POST" });
    const body = (await res.json().catch(() => ({}))) as {
      push?: { url: string; secret: string };
      error?: { message?: string };
    };
    setPending(false);
    if (!res.ok || !body.push) setError(body.error?.message ?? `Could not issue a key (${res.status})`);
    else setSecret(body.push);
  }

  return (
    <div className="space-y-3 text-sm">
      <p className="text-muted-foreground">
        The site&apos;s logger posts to the push URL with this system&apos;s secret. Only a hash is stored, so a lost
        secret cannot be shown again: issue a new one instead.
      </p>
      <Button type="button" variant="outline" onClick={rotate} disabled={pending} data-testid="rotate-push-key">
        {pending ? "Issuing…" : "Issue a new push key"}
      </Button>
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
      {secret && (
        <dl className="grid gap-1 rounded-md border p-3 font-mono text-xs" data-testid="push-key-once">
          <dt className="font-sans text-muted-foreground">Push URL</dt>
          <dd className="break-all">{secret.url}</dd>
          <dt className="font-sans text-muted-foreground">Secret (shown once)</dt>
          <dd className="break-all">{secret.secret}</dd>
        </dl>
      )}
    </div>
  );
}

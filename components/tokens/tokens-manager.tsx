"use client";

import { useCallback, useEffect, useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import type { ApiTokenView } from "@/lib/tokens/scopes";
import { CopyOnce } from "./copy-once";
import { TokenForm, type TokenSystem } from "./token-form";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function state(t: ApiTokenView, nowMs: number): string {
  if (t.revokedAt) return `revoked ${day(t.revokedAt)}`;
  if (t.expiresAt <= nowMs) return `expired ${day(t.expiresAt)}`;
  return `expires ${day(t.expiresAt)}`;
}

/** The user's API tokens: create (secret shown once), list with scopes and last use, revoke. */
export function TokensManager({ systems }: { systems: TokenSystem[] }) {
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = new Map(systems.map((s) => [s.id, s.displayName]));

  const load = useCallback(async () => {
    const res = await sendJson<{ tokens: ApiTokenView[] }>("/api/me/tokens", "GET");
    if (res.ok) setTokens(res.data.tokens);
    else setError(res.message);
  }, []);
  useEffect(() => void load(), [load]);

  async function revoke(t: ApiTokenView) {
    if (!window.confirm(`Revoke "${t.name}"? Anything using it stops working now.`)) return;
    const res = await sendJson(`/api/me/tokens/${t.id}`, "DELETE");
    if (!res.ok) setError(res.message);
    await load();
  }

  const nowMs = Date.now();
  return (
    <div className="space-y-8">
      <TokenForm
        systems={systems}
        onCreated={(t) => {
          setCreated(t.token);
          void load();
        }}
      />
      {created && <CopyOnce label="Your new token" value={created} testId="new-token" />}
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens === null ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">No tokens yet.</p>
        ) : (
          <ul className="divide-y rounded-md border text-sm" data-testid="token-list">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium">
                    {t.name} <code className="text-xs text-muted-foreground">{t.prefix}…</code>
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {t.scopes.join(", ")} ·{" "}
                    {t.systemIds ? t.systemIds.map((id) => names.get(id) ?? `#${id}`).join(", ") : "all systems"} ·{" "}
                    {state(t, nowMs)} · last used {t.lastUsedAt ? day(t.lastUsedAt) : "never"}
                  </p>
                </div>
                {!t.revokedAt && t.expiresAt > nowMs && (
                  <Button size="sm" variant="outline" onClick={() => revoke(t)}>
                    Revoke <span className="sr-only">{t.name}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

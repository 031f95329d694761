"use client";

import { useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SCOPE_LABELS, TOKEN_SCOPES, type ApiTokenView, type TokenScope } from "@/lib/tokens/scopes";

export interface TokenSystem {
  id: number;
  displayName: string;
}

const EXPIRY_DAYS = [7, 30, 90, 365];

/** Name, scopes, systems (none ticked: all) and expiry of a new token; calls onCreated with the secret. */
export function TokenForm({
  systems,
  onCreated,
}: {
  systems: TokenSystem[];
  onCreated: (token: ApiTokenView & { token: string }) => void;
}) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["data:read", "energy:read"]);
  const [systemIds, setSystemIds] = useState<number[]>([]);
  const [days, setDays] = useState(90);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const res = await sendJson<{ token: ApiTokenView & { token: string } }>("/api/me/tokens", "POST", {
      name,
      scopes,
      systemIds: systemIds.length ? systemIds : null,
      expiresInDays: days,
    });
    setPending(false);
    if (!res.ok) return setError(res.message);
    setName("");
    onCreated(res.data.token);
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="New API token">
      <Field id="token-name" label="Name" help="What will use it, e.g. Home Assistant.">
        <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Scopes</legend>
        {TOKEN_SCOPES.map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={scopes.includes(s)} onChange={() => setScopes(toggle(scopes, s))} />
            {SCOPE_LABELS[s]} <code className="text-xs text-muted-foreground">{s}</code>
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Systems</legend>
        <p className="text-xs text-muted-foreground">Tick none for every system you can see.</p>
        {systems.map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={systemIds.includes(s.id)}
              onChange={() => setSystemIds(toggle(systemIds, s.id))}
            />
            {s.displayName} <span className="text-xs text-muted-foreground">#{s.id}</span>
          </label>
        ))}
      </fieldset>
      <Field id="token-expiry" label="Expires after">
        <div className="w-40">
          <Select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY_DAYS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </Select>
        </div>
      </Field>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending || !name.trim() || scopes.length === 0}>
        {pending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}

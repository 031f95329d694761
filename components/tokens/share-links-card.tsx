"use client";

import { useCallback, useEffect, useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ShareLinkView } from "@/lib/tokens/scopes";
import { CopyOnce } from "./copy-once";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const EXPIRY_DAYS = [1, 7, 30, 90, 365];

/** Read-only links to this system's dashboard: create (link shown once), list, revoke. */
export function ShareLinksCard({ systemId }: { systemId: number }) {
  const base = `/api/systems/${systemId}/share-links`;
  const [links, setLinks] = useState<ShareLinkView[] | null>(null);
  const [label, setLabel] = useState("");
  const [days, setDays] = useState(30);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await sendJson<{ links: ShareLinkView[] }>(base, "GET");
    if (res.ok) setLinks(res.data.links);
    else setError(res.message);
  }, [base]);
  useEffect(() => void load(), [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await sendJson<{ link: { path: string } }>(base, "POST", {
      label: label.trim() || undefined,
      expiresInDays: days,
    });
    if (!res.ok) return setError(res.message);
    setCreated(`${window.location.origin}${res.data.link.path}`);
    setLabel("");
    await load();
  }

  async function revoke(link: ShareLinkView) {
    if (!window.confirm(`Revoke "${link.label}"? The link stops working now.`)) return;
    const res = await sendJson(`${base}/${link.id}`, "DELETE");
    if (!res.ok) setError(res.message);
    await load();
  }

  const nowMs = Date.now();
  const live = (links ?? []).filter((l) => !l.revokedAt && l.expiresAt > nowMs);
  return (
    <div className="space-y-4 text-sm">
      <p className="text-muted-foreground">
        Anyone with a share link sees this system&apos;s dashboard, read only, without signing in: no settings and no
        other systems. It works until it expires or you revoke it.
      </p>
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label="New share link">
        <Field id="share-label" label="Label (optional)">
          <Input id="share-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
        </Field>
        <Field id="share-expiry" label="Expires after">
          <Select id="share-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))} className="w-32">
            {EXPIRY_DAYS.map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? "day" : "days"}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="outline">
          Create share link
        </Button>
      </form>
      {created && <CopyOnce label="Your new share link" value={created} testId="new-share-link" />}
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
      {links !== null && live.length === 0 && <p className="text-muted-foreground">No active share links.</p>}
      {live.length > 0 && (
        <ul className="divide-y rounded-md border" data-testid="share-link-list">
          {live.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <span>
                {l.label} <code className="text-xs text-muted-foreground">{l.prefix}…</code>{" "}
                <span className="text-muted-foreground">
                  · until {day(l.expiresAt)} · last opened {l.lastUsedAt ? day(l.lastUsedAt) : "never"}
                </span>
              </span>
              <Button size="sm" variant="ghost" onClick={() => revoke(l)}>
                Revoke <span className="sr-only">{l.label}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

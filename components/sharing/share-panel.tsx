"use client";

import { useCallback, useEffect, useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { SystemAccessList } from "@/lib/sharing/grants";
import { ShareList } from "./share-list";

/**
 * The owner's sharing controls for one system: who has access, pending invitations, and an invite form. The
 * accept link is shown once (only its hash is stored). `localMode` offers granting demo users directly.
 */
export function SharePanel({ systemRef, localMode }: { systemRef: string; localMode: boolean }) {
  const base = `/api/systems/${encodeURIComponent(systemRef)}/access`;
  const [list, setList] = useState<SystemAccessList | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean; link?: string } | null>(null);

  const load = useCallback(async () => {
    const r = await sendJson<SystemAccessList>(base, "GET");
    if (r.ok) setList(r.data);
    else setMessage({ text: r.message, error: true });
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(method: string, body: unknown, done: string) {
    const r = await sendJson(base, method, body);
    setMessage(r.ok ? { text: done } : { text: r.message, error: true });
    await load();
  }

  async function invite(form: FormData) {
    const body = { handle: String(form.get("handle")), role: String(form.get("role")), mode: String(form.get("mode")) };
    const r = await sendJson<{
      invitation?: { acceptPath: string; invitee: string };
      granted?: { displayName: string };
    }>(base, "POST", body);
    if (!r.ok) setMessage({ text: r.message, error: true });
    else if (r.data.granted) setMessage({ text: `${r.data.granted.displayName} now has access` });
    else if (r.data.invitation) {
      const link = `${window.location.origin}${r.data.invitation.acceptPath}`;
      setMessage({ text: `Send this link to ${r.data.invitation.invitee}; it works once, for 7 days:`, link });
    }
    await load();
  }

  return (
    <section className="space-y-4" aria-label="Sharing">
      {list ? (
        <ShareList
          list={list}
          onRole={(userId, role) => act("PATCH", { userId, role }, "Role changed")}
          onRevoke={(userId) => act("DELETE", { userId }, "Access removed")}
          onRevokeInvitation={(invitationId) => act("DELETE", { invitationId }, "Invitation revoked")}
        />
      ) : (
        <p className="text-sm text-muted-foreground">Loading…</p>
      )}
      <form action={invite} className="flex flex-wrap items-end gap-2">
        <Input
          name="handle"
          required
          placeholder="username or email"
          aria-label="Username or email"
          className="h-9 w-64"
        />
        <Select name="role" defaultValue="viewer" aria-label="Role" className="h-9 w-28">
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
        </Select>
        {localMode ? (
          <Select name="mode" defaultValue="grant" aria-label="How" className="h-9 w-40">
            <option value="grant">grant directly</option>
            <option value="invite">create invite link</option>
          </Select>
        ) : (
          <input type="hidden" name="mode" value="invite" />
        )}
        <Button type="submit" size="sm">
          Share
        </Button>
      </form>
      {message ? (
        <div
          role={message.error ? "alert" : "status"}
          className={message.error ? "text-sm text-destructive" : "text-sm"}
        >
          {message.text}
          {message.link ? (
            <Input
              readOnly
              value={message.link}
              onFocus={(e) => e.target.select()}
              className="mt-1 h-9 font-mono text-xs"
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";

/** Accept / Decline buttons of an invitation page. */
export function InviteResponse({ token }: { token: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: boolean }>({ busy: false });

  async function respond(action: "accept" | "decline") {
    setState({ busy: true });
    const r = await sendJson<{ systemId: number | null }>(`/api/invitations/${encodeURIComponent(token)}`, "POST", {
      action,
    });
    if (!r.ok) return setState({ busy: false, message: r.message, error: true });
    if (action === "accept" && r.data.systemId) return router.push(`/dashboard/${r.data.systemId}`);
    setState({ busy: false, message: "Invitation declined. You can close this page." });
  }

  if (state.message && !state.error) return <p role="status">{state.message}</p>;
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button onClick={() => respond("accept")} disabled={state.busy} data-testid="invite-accept">
          Accept
        </Button>
        <Button variant="outline" onClick={() => respond("decline")} disabled={state.busy}>
          Decline
        </Button>
      </div>
      {state.error ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

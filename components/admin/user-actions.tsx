"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "./send-json";

type State = { phase: "pending" } | { phase: "done" | "failed"; text: string };

/**
 * "Make admin" / "Revoke admin" and "Disable" / "Enable" for one user. The signed-in admin's own row offers neither
 * revoke nor disable (the API refuses those with 409 too): another admin must.
 */
export function UserActions({
  userId,
  displayName,
  isPlatformAdmin,
  disabled,
  isSelf,
}: {
  userId: string;
  displayName: string;
  isPlatformAdmin: boolean;
  disabled: boolean;
  isSelf: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<State | null>(null);
  const busy = state?.phase === "pending";

  async function change(body: { isPlatformAdmin?: boolean; disabled?: boolean }, done: string) {
    setState({ phase: "pending" });
    const r = await sendJson(`/api/admin/users/${encodeURIComponent(userId)}`, "PATCH", body);
    setState(r.ok ? { phase: "done", text: done } : { phase: "failed", text: r.message });
    router.refresh();
  }

  const selfReason = "You cannot change this for yourself: ask another platform admin";
  return (
    <div className="flex min-w-[12rem] flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="outline"
          disabled={busy || (isSelf && isPlatformAdmin)}
          title={isSelf && isPlatformAdmin ? selfReason : undefined}
          onClick={() =>
            change(
              { isPlatformAdmin: !isPlatformAdmin },
              isPlatformAdmin
                ? `${displayName} is no longer a platform admin`
                : `${displayName} is now a platform admin`,
            )
          }
        >
          {isPlatformAdmin ? "Revoke admin" : "Make admin"}
        </Button>
        <Button
          size="sm"
          variant={disabled ? "outline" : "ghost"}
          disabled={busy || (isSelf && !disabled)}
          title={isSelf && !disabled ? selfReason : undefined}
          onClick={() =>
            change(
              { disabled: !disabled },
              disabled ? `${displayName} is enabled` : `${displayName} is disabled and signed out everywhere`,
            )
          }
        >
          {disabled ? "Enable" : "Disable"}
        </Button>
      </div>
      {state && state.phase !== "pending" ? (
        <p role="status" className={state.phase === "done" ? "text-xs text-emerald-600" : "text-xs text-destructive"}>
          {state.text}
        </p>
      ) : null}
    </div>
  );
}

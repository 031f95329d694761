"use client";

import { useState } from "react";
import { ShieldCheck, UserRound } from "lucide-react";
import type { SignInChoice } from "@/lib/auth/local-sign-in";
import { cn } from "@/lib/utils";

interface Props {
  users: SignInChoice[];
  redirectTo: string;
  currentUserId?: string;
}

/** Local mode: one button per user in the directory; a click signs in as that user and follows redirectTo. */
export function LocalSignInList({ users, redirectTo, currentUserId }: Props) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function signIn(userId: string) {
    setPending(userId);
    setError(null);
    try {
      const res = await fetch("/api/auth/local/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ userId, redirect_url: redirectTo }),
      });
      const body = (await res.json().catch(() => ({}))) as { redirectTo?: string; error?: { message?: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `Sign-in failed (${res.status})`);
      // A full navigation so every server component renders for the new user.
      window.location.assign(body.redirectTo ?? "/dashboard");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(null);
    }
  }

  if (users.length === 0) {
    return (
      <p className="rounded-md border border-border p-4 text-sm text-muted-foreground">
        No users yet. Run <code className="font-mono">npm run demo</code> to create the demo admin, homeowner and
        viewer.
      </p>
    );
  }

  return (
    <div className="space-y-3">
      <ul className="space-y-2" aria-label="Sign in as">
        {users.map((user) => (
          <li key={user.id}>
            <button
              type="button"
              onClick={() => signIn(user.id)}
              disabled={pending !== null}
              data-user-id={user.id}
              data-testid={`sign-in-${user.username ?? user.id}`}
              className={cn(
                "flex w-full items-center gap-3 rounded-lg border border-border bg-card p-3 text-left transition-colors",
                "hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60",
                user.id === currentUserId && "border-primary",
              )}
            >
              {user.isPlatformAdmin ? (
                <ShieldCheck className="h-5 w-5 shrink-0 text-primary" aria-hidden />
              ) : (
                <UserRound className="h-5 w-5 shrink-0 text-muted-foreground" aria-hidden />
              )}
              <span className="min-w-0 flex-1">
                <span className="block font-medium">
                  Sign in as {user.displayName}
                  {user.username && <span className="ml-2 text-sm text-muted-foreground">@{user.username}</span>}
                </span>
                {user.description && <span className="block text-sm text-muted-foreground">{user.description}</span>}
              </span>
              {pending === user.id && <span className="text-sm text-muted-foreground">Signing in…</span>}
              {user.id === currentUserId && pending === null && (
                <span className="text-xs text-muted-foreground">signed in</span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

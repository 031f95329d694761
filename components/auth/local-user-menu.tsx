"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { LogOut, ShieldCheck, Users } from "lucide-react";

interface Props {
  displayName: string;
  username: string | null;
  isPlatformAdmin: boolean;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

/** Local mode: an avatar button opening the user's name, "switch user" and "sign out". */
export function LocalUserMenu({ displayName, username, isPlatformAdmin }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function signOut() {
    setBusy(true);
    await fetch("/api/auth/local/sign-out", { method: "POST" }).catch(() => undefined);
    window.location.assign("/sign-in");
  }

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {/* The initials are decoration; the name read out is the sentence (an aria-label that does not contain
            the visible initials fails WCAG 2.5.3, "label in name"). */}
        <span aria-hidden="true">{initials(displayName) || "?"}</span>
        <span className="sr-only">Account menu for {displayName}</span>
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-50 mt-2 w-60 rounded-md border border-border bg-card p-1 text-card-foreground shadow-md"
        >
          <div className="px-3 py-2">
            <p className="truncate font-medium">{displayName}</p>
            {username && <p className="truncate text-sm text-muted-foreground">@{username}</p>}
            {isPlatformAdmin && (
              <p className="mt-1 flex items-center gap-1 text-xs text-primary">
                <ShieldCheck className="h-3.5 w-3.5" aria-hidden /> Platform admin
              </p>
            )}
          </div>
          <Link
            role="menuitem"
            href="/sign-in"
            className="flex items-center gap-2 rounded-sm px-3 py-2 text-sm hover:bg-accent"
            onClick={() => setOpen(false)}
          >
            <Users className="h-4 w-4" aria-hidden /> Switch user
          </Link>
          <button
            role="menuitem"
            type="button"
            onClick={signOut}
            disabled={busy}
            className="flex w-full items-center gap-2 rounded-sm px-3 py-2 text-left text-sm hover:bg-accent disabled:opacity-60"
          >
            <LogOut className="h-4 w-4" aria-hidden /> {busy ? "Signing out…" : "Sign out"}
          </button>
        </div>
      )}
    </div>
  );
}

"use client";

import Link from "next/link";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { SystemSummary } from "@/lib/api/contracts";
import { formatAge, freshnessLabel, type Freshness } from "@/lib/format";
import { cn } from "@/lib/utils";
import { FreshnessDot, freshnessOf } from "./freshness-badge";
import { useNow } from "./use-now";

export type SelectorSystem = Pick<
  SystemSummary,
  "id" | "displayName" | "lastSuccessMs" | "role" | "status" | "dataIntervalMs"
> & {
  href: string;
};

function pollText(lastSuccessMs: number | null, nowMs: number, dataIntervalMs?: number): string {
  const f = freshnessOf(lastSuccessMs, nowMs, dataIntervalMs);
  if (f === "none" || lastSuccessMs === null) return "never polled";
  return `${freshnessLabel(f as Freshness, dataIntervalMs)}, last poll ${formatAge(nowMs - lastSuccessMs)}`;
}

/** Dropdown of every system the user may see, each with a freshness dot of its last successful poll. */
export function SystemSelector({
  systems,
  currentId,
  serverNowMs,
}: {
  systems: SelectorSystem[];
  currentId: number;
  serverNowMs: number;
}) {
  const [open, setOpen] = useState(false);
  const nowMs = useNow(30_000, serverNowMs);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const current = systems.find((s) => s.id === currentId);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative w-full sm:w-auto">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        data-testid="system-selector"
        className="flex h-10 w-full items-center gap-2 rounded-md border bg-background px-3 text-sm hover:bg-accent sm:w-72"
      >
        <FreshnessDot value={freshnessOf(current?.lastSuccessMs ?? null, nowMs, current?.dataIntervalMs)} />
        <span className="flex-1 truncate text-left">{current?.displayName ?? "Choose a system"}</span>
        <span className="sr-only">, switch system</span>
        <ChevronsUpDown className="size-4 text-muted-foreground" aria-hidden="true" />
      </button>
      {open && (
        <div
          id={listId}
          className="absolute right-0 z-50 mt-1 max-h-96 w-full overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-lg sm:w-80"
        >
          <ul aria-label="Your systems">
            {systems.map((s) => (
              <li key={s.id}>
                <Link
                  href={s.href}
                  onClick={() => setOpen(false)}
                  aria-current={s.id === currentId ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-sm px-2 py-2 text-sm hover:bg-accent",
                    s.id === currentId && "font-medium",
                  )}
                >
                  <FreshnessDot value={freshnessOf(s.lastSuccessMs, nowMs, s.dataIntervalMs)} />
                  <span className="flex-1 truncate">
                    {s.displayName}
                    {s.status === "disabled" && <span className="text-muted-foreground"> (paused)</span>}
                    <span className="block text-xs font-normal text-muted-foreground">
                      {pollText(s.lastSuccessMs, nowMs, s.dataIntervalMs)}
                      {s.role !== "owner" && ` · ${s.role === "platform-admin" ? "admin view" : `shared (${s.role})`}`}
                    </span>
                  </span>
                  {s.id === currentId && <Check className="size-4" aria-hidden="true" />}
                </Link>
              </li>
            ))}
          </ul>
          <Link
            href="/setup"
            className="mt-1 flex items-center gap-2 rounded-sm border-t px-2 py-2 text-sm text-muted-foreground hover:bg-accent hover:text-foreground"
          >
            <Plus className="size-4" aria-hidden="true" />
            Add a system
          </Link>
        </div>
      )}
    </div>
  );
}

"use client";

import { ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { VendorOption } from "@/lib/systems/contracts";

const MODE_LABEL: Record<VendorOption["mode"], string> = {
  poll: "We fetch the data",
  push: "Your site sends the data",
  virtual: "Combines other systems",
};

/** Step 1: the vendors that can be added, as a list of buttons. */
export function VendorPicker({ vendors, onPick }: { vendors: VendorOption[]; onPick: (v: VendorOption) => void }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label="Vendors">
      {vendors.map((v) => (
        <li key={v.vendorType}>
          <button
            type="button"
            data-testid={`vendor-${v.vendorType}`}
            onClick={() => onPick(v)}
            className="flex h-full w-full items-start gap-3 rounded-lg border bg-card p-4 text-left shadow-sm transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
          >
            <span className="flex-1 space-y-1">
              <span className="flex flex-wrap items-center gap-2 font-semibold">
                {v.displayName}
                <Badge variant="secondary">{MODE_LABEL[v.mode]}</Badge>
                {v.supportsOAuth && <Badge variant="outline">Sign in with {v.displayName}</Badge>}
              </span>
              <span className="block text-sm text-muted-foreground">{v.description}</span>
            </span>
            <ChevronRight className="mt-1 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}

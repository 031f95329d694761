"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Dashboard error boundary: the message (production hides server details behind a digest) and a retry. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="container max-w-2xl py-12">
      <div role="alert" className="flex flex-col items-start gap-4 rounded-lg border border-destructive/50 p-6">
        <AlertTriangle className="size-6 text-destructive" aria-hidden="true" />
        <h1 className="text-xl font-semibold">The dashboard could not be loaded</h1>
        <p data-testid="error-message" className="text-sm text-muted-foreground">
          {error.message || "Something went wrong on our side."}
          {error.digest && <span className="block pt-1 font-mono text-xs">Reference: {error.digest}</span>}
        </p>
        <Button type="button" onClick={reset}>
          Try again
        </Button>
      </div>
    </main>
  );
}

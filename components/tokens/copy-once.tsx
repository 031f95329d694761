"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A secret shown this once, with a Copy button (the database keeps only its hash). */
export function CopyOnce({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="space-y-2 rounded-md border border-primary/40 bg-primary/5 p-3 text-sm" role="status">
      <p className="font-medium">{label}: copy it now, it will not be shown again.</p>
      <code className="block break-all rounded bg-muted p-2 font-mono text-xs" data-testid={testId}>
        {value}
      </code>
      <Button type="button" size="sm" variant="outline" onClick={copy}>
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}

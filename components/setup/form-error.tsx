"use client";

import { AlertTriangle } from "lucide-react";
import { ApiClientError } from "./api-client";

/** The API's message for a failed submit, announced to screen readers. */
export function FormError({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiClientError ? error.status : 0;
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex items-start gap-2 rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm"
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
      <p>
        {message}
        {status === 429 && " You can try again shortly."}
      </p>
    </div>
  );
}

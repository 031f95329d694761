import { Info } from "lucide-react";
import { Card } from "@/components/ui/card";
import type { CompositeAccountsInfo } from "@/lib/accounts/types";

/**
 * A composite's members and, when a flow cannot be known, which member lacks what ("Beach house brings solar but
 * not its load"), as the server's accounts report it.
 */
export function CompositeNotes({ info }: { info: CompositeAccountsInfo }) {
  const names = info.members.map((m) => m.displayName ?? `system ${m.systemId}`);
  return (
    <Card className="flex gap-3 p-4 text-sm" data-testid="composite-notes">
      <Info className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
      <div className="space-y-1">
        <p>
          <span className="font-medium">Combined from</span> {names.join(", ")}.
        </p>
        {info.notes.length > 0 && (
          <ul className="list-disc space-y-0.5 pl-4 text-muted-foreground" data-testid="composite-notes-list">
            {info.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

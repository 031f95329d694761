import { AlertTriangle } from "lucide-react";
import { balanceMembers, balanceWarnings } from "@/lib/composite/balance";
import type { CandidateSystem } from "@/lib/composite/types";
import type { Assignments } from "./use-composite-form";

/** The warnings of the mapping being edited (`systemId:pointId` → category), as the user picks. */
export function warningsFor(assignments: Assignments, systems: CandidateSystem[]): string[] {
  const mappings: Record<string, Array<{ systemId: number }>> = {};
  for (const [key, category] of Object.entries(assignments)) {
    (mappings[category] ??= []).push({ systemId: Number(key.split(":")[0]) });
  }
  const known = new Map(systems.map((s) => [s.systemId, { displayName: s.displayName, location: s.location }]));
  return balanceWarnings(balanceMembers(mappings, known));
}

/**
 * Mappings that save but cannot balance: the energy accounts add members flow by flow, so these would show unknown
 * or double-counted flows on the composite's dashboard.
 */
export function BalanceWarnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div
      role="status"
      data-testid="composite-warnings"
      className="flex gap-3 rounded-lg border border-amber-500/60 bg-amber-500/10 p-3 text-sm"
    >
      <AlertTriangle className="mt-0.5 size-5 shrink-0 text-amber-600" aria-hidden="true" />
      <div>
        <p className="font-semibold">This composite&apos;s energy will not balance:</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

import { AlertTriangle } from "lucide-react";
import type { DroppedPoint, SourceStatus } from "@/lib/composite/types";

/** The sources and points of a composite that no longer count, with the reason; nothing drops out silently. */
export function DroppedSources({ sources, points }: { sources: SourceStatus[]; points: DroppedPoint[] }) {
  const dropped = sources.filter((s) => s.status === "dropped");
  if (!dropped.length && !points.length) return null;
  return (
    <div role="status" className="rounded-lg border border-amber-500/50 bg-amber-500/10 p-3 text-sm sm:p-4">
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle className="size-4" aria-hidden="true" /> Some sources no longer count
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {dropped.map((s) => (
          <li key={s.systemId} data-reason={s.reason}>
            {s.message ?? `${s.displayName ?? `System ${s.systemId}`}: ${s.reason}`}
          </li>
        ))}
        {points.map((p) => (
          <li key={`${p.systemId}:${p.pointId}:${p.category}`} data-reason={p.reason}>
            {p.message}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-muted-foreground">Saving removes them from the mapping.</p>
    </div>
  );
}

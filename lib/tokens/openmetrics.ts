import type { LatestResponse } from "@/lib/api/contracts";

export const OPENMETRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const metricName = (kind: string) => `solar_monitor_${kind.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;

/**
 * Latest values in the Prometheus text format: one metric per point kind (the path's `/metric`, e.g. power,
 * energy, soc) labelled with system, point (the path's head) and unit. Unknown values and unclassified points
 * are left out rather than reported as 0. No sample timestamps: Prometheus would drop stale ones as out of bounds.
 */
export function toOpenMetrics(systems: Array<{ id: number; name: string; latest: LatestResponse }>): string {
  const byKind = new Map<string, string[]>();
  for (const { id, name, latest } of systems) {
    for (const p of latest.points) {
      if (p.value === null || !Number.isFinite(p.value) || !p.path?.includes("/")) continue;
      const [point, kind] = p.path.split("/", 2);
      const labels = `system="${id}",system_name="${escapeLabel(name)}",point="${escapeLabel(point)}",unit="${escapeLabel(p.unit)}"`;
      const lines = byKind.get(kind) ?? [];
      lines.push(`${metricName(kind)}{${labels}} ${p.value}`);
      byKind.set(kind, lines);
    }
  }
  const out: string[] = [];
  for (const kind of [...byKind.keys()].sort()) {
    out.push(`# HELP ${metricName(kind)} Latest ${kind} of each point (canonical units: W, Wh, %).`);
    out.push(`# TYPE ${metricName(kind)} gauge`, ...byKind.get(kind)!);
  }
  return `${out.join("\n")}\n`;
}

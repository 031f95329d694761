import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Runs `fn` under the V8 CPU profiler when `enabled`, writes artifacts/bench/<name>.cpuprofile (open it in
 * Chrome DevTools) and returns the top self-time entries grouped by file, as "where the time goes" lines.
 */
export async function profiled<T>(
  name: string,
  enabled: boolean,
  fn: () => Promise<T>,
): Promise<{ value: T; top: string[] }> {
  if (!enabled) return { value: await fn(), top: [] };
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  let value: T;
  try {
    value = await fn();
  } finally {
    const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[] } };
    session.disconnect();
    mkdirSync("artifacts/bench", { recursive: true });
    writeFileSync(join("artifacts/bench", `${name}.cpuprofile`), JSON.stringify(profile));
    (profiled as unknown as { last: ProfileNode[] }).last = profile.nodes;
  }
  return { value, top: summarise((profiled as unknown as { last: ProfileNode[] }).last) };
}

/** Self time per source area (our lib folders, libSQL, undici, node internals, GC, idle), as percentages. */
export function summarise(nodes: ProfileNode[], limit = 12): string[] {
  const total = nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
  }
  const pct = (h: number) => `${((h / total) * 100).toFixed(1)}%`;
  const areas = [...byArea].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const fns = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    `self time by area: ${areas.map(([a, h]) => `${a} ${pct(h)}`).join(", ")}`,
    `hottest functions: ${fns.map(([f, h]) => `${f} ${pct(h)}`).join("; ")}`,
  ];
}

function shortUrl(url: string): string {
  const i = url.indexOf("/main/");
  return (i >= 0 ? url.slice(i + 6) : url).replace(/^file:\/\//, "").replace(/.*node_modules\//, "~/");
}

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "native";
  if (url.includes("node_modules/libsql") || url.includes("@libsql")) return "libsql";
  if (url.includes("undici") || url.startsWith("node:internal/deps/undici")) return "undici (fetch)";
  if (url.includes("tough-cookie")) return "tough-cookie";
  if (url.includes("node_modules/zod")) return "zod";
  if (url.includes("node_modules/luxon")) return "luxon";
  if (url.includes("node_modules/")) return `~/${url.split("node_modules/")[1].split("/")[0]}`;
  const m = /\/main\/((?:lib|scripts)\/[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return url.split("/")[0] + "/" + (url.split("/")[1] ?? "");
  return url;
}

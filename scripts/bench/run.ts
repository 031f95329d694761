/**
 * `npm run bench [-- --quick] [--only poll,…] [--size …]`: runs every benchmark, each figure next to a baseline
 * measured in the same run, and writes artifacts/bench/result.json and docs/benchmarks.md (quick runs write
 * artifacts/bench/benchmarks-quick.md). Exits non-zero only on errors, never on a timing.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs, type BenchOptions } from "./lib/cli";
import { removeBenchDbs } from "./lib/bench-db";
import { machineInfo } from "./lib/machine";
import { renderMarkdown } from "./lib/report";
import type { BenchResult } from "./lib/result";

type Bench = (o: BenchOptions) => Promise<BenchResult>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  poll: async () => (await import("./poll")).benchPoll,
  ingest: async () => (await import("./ingest")).benchIngest,
  storage: async () => (await import("./storage")).benchStorage,
  history: async () => (await import("./history")).benchHistory,
  daily: async () => (await import("./daily")).benchDaily,
  accounts: async () => (await import("./accounts")).benchAccounts,
  costs: async () => (await import("./costs")).benchCosts,
  latest: async () => (await import("./latest")).benchLatest,
  alerts: async () => (await import("./alerts")).benchAlerts,
  frontend: async () => (await import("./frontend")).benchFrontend,
  export: async () => (await import("./export")).benchExport,
};

async function main(): Promise<void> {
  if (process.argv.includes("--render-only")) return renderOnly();
  const o = parseArgs(process.argv.slice(2));
  // Benchmarks run against throwaway databases with the development defaults; never against a real deployment.
  (process.env as Record<string, string>).NODE_ENV = "development";
  delete process.env.KV_REST_API_URL;
  delete process.env.KV_REST_API_TOKEN;
  const machine = machineInfo();
  console.log(`bench: ${o.quick ? "quick" : "full"} run on ${machine.cpu} × ${machine.cores}, node ${machine.node}`);
  const t0 = performance.now();
  const results: BenchResult[] = [];
  for (const [id, load] of Object.entries(BENCHES)) {
    if (!o.only.has(id)) continue;
    console.log(`\n▶ ${id}`);
    const result = await (await load())(o);
    results.push(result);
    for (const f of result.figures) {
      const base = f.baseline ? ` vs ${f.baseline.value} (${f.baseline.name})` : "";
      const goal = f.goal
        ? ` — goal ${f.goal}: ${f.met === null || f.met === undefined ? "n/a" : f.met ? "met" : "missed"}`
        : "";
      console.log(`  ${f.name}: ${f.value} ${f.unit}${base}${f.ratio !== undefined ? `, ${f.ratio}×` : ""}${goal}`);
    }
    if (result.skipped) console.log(`  skipped: ${result.skipped}`);
    removeBenchDbs();
    settle();
  }
  const totalMs = performance.now() - t0;
  write(o.jsonOut, `${JSON.stringify({ machine, options: { ...o, only: [...o.only] }, totalMs, results }, null, 2)}\n`);
  write(o.mdOut, renderMarkdown(machine, o, results, totalMs));
  console.log(`\nbench: done in ${Math.round(totalMs / 1000)} s → ${o.jsonOut}, ${o.mdOut}`);
}

/**
 * Writes out the dirty pages the last benchmark left in the OS cache (the history database is gigabytes), so the
 * next one does not pay for its predecessor's disk writes.
 */
function settle(): void {
  try {
    execFileSync("sync", { stdio: "ignore" });
  } catch {
    // no `sync` here: the benchmarks still run, only less isolated
  }
}

/** `--render-only [--json path] [--md path]`: rewrites the markdown from a saved result.json (no measuring). */
function renderOnly() {
  const argv = process.argv.filter((a) => a !== "--render-only").slice(2);
  const o = parseArgs(argv);
  const saved = JSON.parse(readFileSync(o.jsonOut, "utf8"));
  const options = { ...saved.options, only: new Set(saved.options.only) };
  write(
    argv.includes("--md") ? o.mdOut : options.mdOut,
    renderMarkdown(saved.machine, options, saved.results, saved.totalMs),
  );
}

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    removeBenchDbs();
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });

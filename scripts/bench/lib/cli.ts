/** Command-line options of `npm run bench` (sizes are parameters; --quick shrinks them to fit in two minutes). */
export interface BenchOptions {
  quick: boolean;
  /** Benchmarks to run (all by default): poll, ingest, storage, history, daily, accounts, costs, latest, frontend. */
  only: Set<string>;
  /** Poll: emulated systems seeded, vendor latency, run budget, pool size. */
  pollSystems: number;
  pollLatencyMs: number;
  pollBudgetMs: number;
  pollConcurrency: number;
  /** Ingest: systems × points × minutes of readings pushed through the store. */
  ingestSystems: number;
  ingestPoints: number;
  ingestMinutes: number;
  /** Storage: raw readings loaded into both layouts. */
  storageRows: number;
  /** History: systems × days of 5-minute and daily rows, and samples per query. */
  historySystems: number;
  historyDays: number;
  historySamples: number;
  /** Build and query `next start` over HTTP (default: yes unless --quick, or --no-http). */
  http: boolean;
  /** Daily, accounts and costs: systems × points for one day of 5-minute rows. */
  dailySystems: number;
  dailyPoints: number;
  /** Latest: systems and samples. */
  latestSamples: number;
  /** Build the front end when no .next-bench build exists (default: only in a full run). */
  build: boolean;
  /** Export: days of 5-minute rows of one system, and its points. */
  exportDays: number;
  exportPoints: number;
  /** Write CPU profiles of the measured phases to artifacts/bench/*.cpuprofile and summarise them. */
  profile: boolean;
  /** Output paths. */
  jsonOut: string;
  mdOut: string;
}

export const BENCHES = [
  "poll",
  "ingest",
  "storage",
  "history",
  "daily",
  "accounts",
  "costs",
  "latest",
  "alerts",
  "frontend",
  "export",
] as const;

const FULL = {
  pollSystems: 30_000,
  pollLatencyMs: 300,
  pollBudgetMs: 55_000,
  pollConcurrency: 1_000,
  ingestSystems: 100,
  ingestPoints: 20,
  ingestMinutes: 60,
  storageRows: 1_000_000,
  historySystems: 100,
  historyDays: 365,
  historySamples: 200,
  dailySystems: 1_000,
  dailyPoints: 20,
  latestSamples: 500,
  exportDays: 365,
  exportPoints: 10,
};

const QUICK: typeof FULL = {
  pollSystems: 3_000,
  pollLatencyMs: 300,
  pollBudgetMs: 8_000,
  pollConcurrency: 1_000,
  ingestSystems: 20,
  ingestPoints: 20,
  ingestMinutes: 30,
  storageRows: 100_000,
  historySystems: 10,
  historyDays: 400,
  historySamples: 50,
  dailySystems: 100,
  dailyPoints: 20,
  latestSamples: 100,
  exportDays: 60,
  exportPoints: 10,
};

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const USAGE = `npm run bench -- [--quick] [--only poll,ingest,…] [--size value …] [--no-http] [--no-build] [--profile]
       npm run bench -- --render-only   (rewrite the markdown from artifacts/bench/result.json)
sizes: ${Object.keys(FULL)
  .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
  .join(" ")}`;

/** Parses argv (after the script name); throws with the usage text on an unknown or bad option. */
export function parseArgs(argv: string[]): BenchOptions {
  if (argv.includes("--help") || argv.includes("-h")) throw new Error(USAGE);
  const quick = argv.includes("--quick");
  const sizes = { ...(quick ? QUICK : FULL) };
  const known = new Set(["quick", "profile", "render-only", "only", "no-http", "no-build", "build", "json", "md"]);
  for (const key of Object.keys(sizes) as Array<keyof typeof sizes>) {
    const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    known.add(name);
    const v = flag(argv, name);
    if (v === undefined) continue;
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number\n${USAGE}`);
    sizes[key] = n;
  }
  for (const a of argv) {
    const name = a.startsWith("--") ? a.slice(2).split("=")[0] : null;
    if (name !== null && !known.has(name)) throw new Error(`Unknown option ${a}\n${USAGE}`);
  }
  const onlyRaw = flag(argv, "only");
  const only = new Set(onlyRaw ? onlyRaw.split(",").map((s) => s.trim()) : BENCHES);
  for (const b of only) {
    if (!(BENCHES as readonly string[]).includes(b)) throw new Error(`Unknown benchmark ${b}; one of ${BENCHES}`);
  }
  return {
    quick,
    only,
    ...sizes,
    profile: argv.includes("--profile"),
    http: !argv.includes("--no-http"),
    build: argv.includes("--build") || (!quick && !argv.includes("--no-build")),
    jsonOut: flag(argv, "json") ?? "artifacts/bench/result.json",
    mdOut: flag(argv, "md") ?? (quick ? "artifacts/bench/benchmarks-quick.md" : "docs/benchmarks.md"),
  };
}

/**
 * Benchmark 7: first-load JavaScript per app route from the production build (.next-bench): the route's
 * chunks from app-build-manifest.json plus the shared root chunks from build-manifest.json, each gzipped here
 * (zlib level 6, what servers typically send). Baseline: the shared chunks every route loads anyway.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureBuild } from "@/scripts/demo/next-server";
import type { BenchOptions } from "./lib/cli";
import { BENCH_DIST, benchNextEnv } from "./lib/next-env";
import { atMost, round, type BenchResult, type Figure } from "./lib/result";

const DIST = BENCH_DIST;

/** Runs the front-end size benchmark. */
export async function benchFrontend(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const base = { id: "frontend", title: "Front end", sizes: { build: DIST }, notes: [] as string[] };
  if (!existsSync(join(DIST, "app-build-manifest.json"))) {
    if (!o.build) {
      return {
        ...base,
        figures: [],
        skipped: `no production build in ${DIST} (run a full \`npm run bench\`, or --build)`,
        durationMs: 0,
      };
    }
    const prev = process.env.NEXT_DIST_DIR;
    process.env.NEXT_DIST_DIR = DIST;
    try {
      ensureBuild(benchNextEnv());
    } catch (err) {
      return { ...base, figures: [], skipped: `next build failed: ${(err as Error).message}`, durationMs: 0 };
    } finally {
      if (prev === undefined) delete process.env.NEXT_DIST_DIR;
      else process.env.NEXT_DIST_DIR = prev;
    }
  }
  const app = JSON.parse(readFileSync(join(DIST, "app-build-manifest.json"), "utf8")) as {
    pages: Record<string, string[]>;
  };
  const build = JSON.parse(readFileSync(join(DIST, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
    polyfillFiles?: string[];
  };
  const sizes = new Map<string, { raw: number; gz: number }>();
  const sizeOf = (file: string) => {
    if (!sizes.has(file)) {
      const buf = readFileSync(join(DIST, file));
      sizes.set(file, { raw: buf.length, gz: gzipSync(buf, { level: 6 }).length });
    }
    return sizes.get(file)!;
  };
  const shared = (build.rootMainFiles ?? []).filter((f) => f.endsWith(".js"));
  const total = (files: string[]) =>
    [...new Set(files)]
      .filter((f) => f.endsWith(".js"))
      .reduce(
        (a, f) => {
          const s = sizeOf(f);
          return { raw: a.raw + s.raw, gz: a.gz + s.gz };
        },
        { raw: 0, gz: 0 },
      );
  const sharedSize = total(shared);
  const routes = Object.keys(app.pages)
    .filter((k) => k.endsWith("/page"))
    .sort();
  const figures: Figure[] = [];
  const table: string[] = ["| Route | First-load JS (gzip) | Raw |", "| --- | --- | --- |"];
  for (const key of routes) {
    const size = total([...shared, ...app.pages[key]]);
    const route = key.replace(/\/page$/, "") || "/";
    table.push(`| \`${route}\` | ${round(size.gz / 1024, 1)} kB | ${round(size.raw / 1024, 1)} kB |`);
    if (route === "/dashboard" || route === "/dashboard/[system]") {
      figures.push({
        name: `first-load JS of ${route} (gzip)`,
        value: round(size.gz / 1024, 1),
        unit: "kB",
        baseline: { name: "shared root chunks every route loads", value: round(sharedSize.gz / 1024, 1) },
        ratio: round(sharedSize.gz / size.gz, 2),
        goal: "< 200 kB gzipped",
        ...atMost(size.gz / 1024, 200, "kB"),
      });
    }
  }
  return {
    ...base,
    figures,
    notes: [
      `Every app route (route chunks + shared root chunks, .js only, each file gzipped with zlib level 6):`,
      "",
      ...table,
    ],
    durationMs: performance.now() - t0,
  };
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertPortFree } from "./ports";

const NEXT_BIN = join(process.cwd(), "node_modules", ".bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.ts",
  "tailwind.config.ts",
  "package-lock.json",
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== "__tests__" && name !== "node_modules")
    .reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Whether the production build is missing or older than the sources. */
export function buildIsStale(distDir = process.env.NEXT_DIST_DIR || ".next"): boolean {
  const buildId = join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/** Runs `next build` (its own progress output shows) when the build is missing or stale. */
export function ensureBuild(env: Record<string, string>): void {
  if (!buildIsStale()) {
    console.log("• production build is up to date");
    return;
  }
  console.log("• building the app (next build, about a minute the first time)…");
  // A build into another distDir (the benchmarks' .next-bench) makes Next add that folder's types to tsconfig.json;
  // put the file back so a benchmark run never leaves a change to commit.
  const tsconfig = existsSync("tsconfig.json") ? readFileSync("tsconfig.json", "utf8") : null;
  const result = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: { ...process.env, ...env } });
  if (tsconfig !== null && readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}

/**
 * Starts `next start` (or `next dev`) as a child bound to localhost; resolves once it answers. The port must be free
 * before the child starts and the child must still be running when it answers, so a foreign server left on the port
 * (say by an earlier run that crashed) is never mistaken for ours.
 */
export async function startNext(
  kind: "start" | "dev",
  port: number,
  env: Record<string, string>,
  quiet = false,
): Promise<ChildProcess> {
  await assertPortFree(port);
  const child = spawn(NEXT_BIN, [kind, "-p", String(port), "-H", "localhost"], {
    env: { ...process.env, ...env },
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  const url = `http://localhost:${port}/`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next ${kind} exited with code ${child.exitCode}`);
    const status = await fetch(url, { redirect: "manual" }).then(
      (res) => res.status,
      () => null, // not listening yet
    );
    if (status !== null && status < 500) {
      // Answered: it is ours only if our child is still alive (a child that lost the port race exits at once).
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode !== null) throw new Error(`next ${kind} exited with code ${child.exitCode}`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopChild(child);
  throw new Error(`next ${kind} did not answer on ${url} within 2 minutes`);
}

/** Stops a child process by its own PID and waits for it to exit. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

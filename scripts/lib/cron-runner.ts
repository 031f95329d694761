import { Cron } from "croner";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface CronJob {
  path: string;
  schedule: string;
}

export interface CronRunnerOptions {
  baseUrl: string;
  secret: string;
  /** Defaults to the crons of vercel.json, so local schedules are the production ones. */
  jobs?: CronJob[];
  log?: (line: string) => void;
}

/** The crons declared in vercel.json. */
export function readVercelCrons(root = process.cwd()): CronJob[] {
  const config = JSON.parse(readFileSync(join(root, "vercel.json"), "utf8")) as { crons?: CronJob[] };
  return config.crons ?? [];
}

/** Calls one cron path the way Vercel does (GET with the bearer secret) and returns a one-line summary. */
export async function fireCron(baseUrl: string, secret: string, path: string): Promise<string> {
  const started = Date.now();
  try {
    const res = await fetch(new URL(path, baseUrl), {
      headers: { authorization: `Bearer ${secret}`, "user-agent": "local-cron-runner" },
    });
    const text = await res.text();
    let summary = text.slice(0, 160);
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      summary = Object.entries(body)
        .filter(([, v]) => typeof v === "number" || typeof v === "string" || typeof v === "boolean")
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
    } catch {
      /* not JSON: keep the excerpt */
    }
    return `${path} → ${res.status} in ${Date.now() - started} ms ${summary}`;
  } catch (err) {
    return `${path} → failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Fires the vercel.json schedules (UTC, like Vercel) at a local server; returns stop(). Overlapping runs are skipped. */
export function startCronRunner(options: CronRunnerOptions): { stop: () => void; jobs: CronJob[] } {
  const jobs = options.jobs ?? readVercelCrons();
  const log = options.log ?? ((line: string) => console.log(`[cron] ${line}`));
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: "UTC", protect: true }, async () => {
        log(await fireCron(options.baseUrl, options.secret, job.path));
      }),
  );
  return { jobs, stop: () => crons.forEach((c) => c.stop()) };
}

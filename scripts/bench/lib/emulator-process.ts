import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export interface EmulatorProcess {
  url: string;
  selectronicUrl: string;
  pid: number;
  /** Sends a control request (POST with a JSON body, or GET without one). */
  control(path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Starts the vendor emulators (`scripts/emulators/run.ts`) in a child process on a free port, so their CPU
 * is not the poller's; resolves once the listening line is printed. Stopped by its own PID.
 */
export async function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const child: ChildProcess = spawn(
    tsx,
    ["--conditions=react-server", "scripts/emulators/run.ts", "--port", "0", "--latency", String(latencyMs)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_ENV: "development" } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`emulators did not start within 30 s:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulators exited (${code}) before listening:\n${out}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    selectronicUrl: `${url}/select-live`,
    pid: child.pid!,
    async control(path, body) {
      const res = await fetch(`${url}/__control/${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // tsx forwards SIGTERM to its node child; the emulator stops on it.
        child.kill("SIGTERM");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

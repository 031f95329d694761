import { createServer } from "node:net";

/** Resolves when nothing listens on `port` at `host` (we could bind it), rejects with a clear message otherwise. */
export function assertPortFree(port: number, host = "localhost"): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === "EADDRINUSE"
            ? `port ${port} is already in use by another process: stop it, or choose other ports (DEMO_PORT / EMULATOR_PORT)`
            : `port ${port} cannot be bound: ${err.message}`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port the operating system says is free right now (bound to port 0 and released). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

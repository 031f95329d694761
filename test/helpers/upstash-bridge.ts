import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";

/**
 * A small HTTP server speaking the Upstash REST protocol in front of the machine's real Redis, so tests run
 * the real @upstash/redis client against real Redis: POST / (one command as a JSON array), POST /pipeline and
 * POST /multi-exec (arrays of commands). Honours `Upstash-Encoding: base64` like the hosted service.
 */
export interface UpstashBridge {
  url: string;
  token: string;
  /** The underlying node-redis client (RESP2), for assertions and cleanup. */
  redis: ReturnType<typeof createClient>;
  /** Deletes every key under a prefix (tests flush only their own namespace). */
  flushPrefix(prefix: string): Promise<number>;
  close(): Promise<void>;
}

type Reply = unknown;

function encode(value: Reply): Reply {
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value, "utf8").toString("base64");
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

const toArgs = (cmd: unknown): string[] => {
  if (!Array.isArray(cmd) || !cmd.length) throw new Error("ERR command must be a non-empty JSON array");
  return cmd.map((a) => (typeof a === "string" ? a : JSON.stringify(a)));
};

/** Starts the bridge on a random local port, in front of Redis at `redisUrl`. */
export async function startUpstashBridge(options: { token?: string; redisUrl?: string } = {}): Promise<UpstashBridge> {
  const token = options.token ?? `bridge-${Math.random().toString(36).slice(2)}`;
  const redis = createClient({ url: options.redisUrl ?? "redis://127.0.0.1:6379", RESP: 2 });
  redis.on("error", () => undefined);
  await redis.connect();

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const out = (v: Reply) => (base64 ? encode(v) : v);
    try {
      const body = await readJson(req);
      const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
      if (path === "/pipeline" || path === "/multi-exec") {
        if (!Array.isArray(body)) return send(400, { error: "ERR body must be an array of commands" });
        if (path === "/multi-exec") {
          const multi = redis.multi();
          for (const cmd of body) multi.addCommand(toArgs(cmd));
          const replies = (await multi.exec()) as Reply[];
          return send(
            200,
            replies.map((r) => (r instanceof Error ? { error: r.message } : { result: out(r) })),
          );
        }
        const results = [];
        for (const cmd of body) {
          try {
            results.push({ result: out(await redis.sendCommand(toArgs(cmd))) });
          } catch (err) {
            results.push({ error: (err as Error).message });
          }
        }
        return send(200, results);
      }
      return send(200, { result: out(await redis.sendCommand(toArgs(body))) });
    } catch (err) {
      return send(400, { error: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    redis,
    async flushPrefix(prefix: string) {
      let deleted = 0;
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const list = Array.isArray(keys) ? keys : [keys];
        if (list.length) deleted += await redis.del(list);
      }
      return deleted;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await redis.quit().catch(() => undefined);
    },
  };
}

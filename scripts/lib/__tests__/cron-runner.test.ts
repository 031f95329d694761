import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Cron } from "croner";
import { fireCron, readVercelCrons } from "../cron-runner";

describe("local cron runner", () => {
  it("reads the production schedules from vercel.json and they parse as cron expressions", () => {
    const jobs = readVercelCrons();
    const paths = jobs.map((j) => j.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/api/cron/poll?shard=0&of=2", "/api/cron/poll?shard=1&of=2", "/api/cron/daily"]),
    );
    // Every shard of the poll runs every minute; together they cover every system (id % of).
    for (const job of jobs.filter((j) => j.path.startsWith("/api/cron/poll"))) expect(job.schedule).toBe("* * * * *");
    for (const job of jobs) {
      const next = new Cron(job.schedule, { timezone: "UTC", paused: true }).nextRun(new Date("2025-01-01T00:00:30Z"));
      expect(next).toBeInstanceOf(Date);
    }
    const daily = new Cron("5 0 * * *", { timezone: "UTC", paused: true }).nextRun(new Date("2025-01-01T00:00:00Z"));
    expect(daily?.toISOString()).toBe("2025-01-01T00:05:00.000Z");
  });

  it("calls the path with the bearer secret and summarises the JSON answer", async () => {
    const seen: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      seen.push(req);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ polled: 3, failed: 0, results: [] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const line = await fireCron(`http://127.0.0.1:${port}`, "s3cret", "/api/cron/poll");
    server.close();
    expect(seen[0].url).toBe("/api/cron/poll");
    expect(seen[0].headers.authorization).toBe("Bearer s3cret");
    expect(line).toMatch(/\/api\/cron\/poll → 200 in \d+ ms polled=3 failed=0/);
  });

  it("reports an unreachable server instead of throwing", async () => {
    const line = await fireCron("http://127.0.0.1:1", "s", "/api/cron/poll");
    expect(line).toMatch(/failed/);
  });
});

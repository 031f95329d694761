import "server-only";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UserCaller } from "@/lib/auth";
import { getSystemAccess } from "@/lib/auth";
import { listVisibleSystems } from "@/lib/dashboard/systems";
import { listSystemPoints } from "@/lib/systems/points";
import { toSettings } from "@/lib/systems/read";
import { listPlans } from "@/lib/tariffs/plans";
import type { ExportLevel } from "./store";
import { exportStream } from "./stream";
import { tarEnd, tarHeader, tarPadding } from "./tar";

/**
 * A person's whole data as one tar archive: `account.json` (the systems they own with their settings, points and
 * tariff plans; never credentials) and, per owned system and chosen level, `system-<id>/<level>.csv` of all time.
 * Each CSV is streamed to a temporary file first (a tar header needs the size), then into the archive, so memory
 * stays one page whatever the data.
 */
export function personArchive(user: UserCaller, levels: ExportLevel[], nowMs = Date.now()): ReadableStream<Uint8Array> {
  const it = entries(user, levels, nowMs);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}

async function* entries(user: UserCaller, levels: ExportLevel[], nowMs: number): AsyncGenerator<Uint8Array> {
  const owned = (await listVisibleSystems(user)).filter((s) => s.role === "owner");
  const systems = [];
  for (const s of owned) {
    const access = await getSystemAccess(user, s.id);
    if (!access) continue;
    const sys = access.system;
    systems.push({
      ...toSettings(sys, { ...access, userId: user.userId }, null),
      location: sys.location,
      solarSize: sys.solarSize,
      batterySize: sys.batterySize,
      points: await listSystemPoints(sys.id),
      tariffPlans: await listPlans(sys.id),
    });
  }
  const account = new TextEncoder().encode(
    JSON.stringify({ exportedAt: new Date(nowMs).toISOString(), userId: user.userId, levels, systems }, null, 2),
  );
  yield tarHeader("account.json", account.length, nowMs);
  yield account;
  yield tarPadding(account.length);

  const dir = await mkdtemp(join(tmpdir(), "person-export-"));
  try {
    for (const s of systems) {
      for (const level of levels) {
        const file = join(dir, `${s.id}-${level}.csv`);
        const fh = await open(file, "w");
        try {
          const reader = exportStream(level, allTime(s.id, nowMs), "csv").getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await fh.write(value);
          }
        } finally {
          await fh.close();
        }
        const size = (await stat(file)).size;
        yield tarHeader(`system-${s.id}/${level}.csv`, size, nowMs);
        for await (const chunk of createReadStream(file)) yield new Uint8Array(chunk as Buffer);
        yield tarPadding(size);
        await rm(file, { force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  yield tarEnd();
}

/** Every stored row of a system: from the epoch to a day after now, local days over the same span. */
function allTime(systemId: number, nowMs: number) {
  const toMs = nowMs + 86_400_000;
  return { systemId, fromMs: 0, toMs, fromDay: "0000-01-01", toDay: "9999-12-31" };
}

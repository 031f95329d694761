import { catchUpDaily } from "@/lib/aggregation";
import type { Db } from "@/lib/db/client";
import { ingestFetchResult } from "@/lib/ingest";
import { pollSystem } from "@/lib/polling";
import { createSelectronicAdapter } from "@/lib/vendors/selectronic/adapter";
import type { IntervalReading, PointDefinition, VendorAdapter } from "@/lib/vendors/types";
import type { RunningEmulators } from "@/scripts/emulators/server";
import { insertTestSystem } from "@/test/helpers/test-vendor";

/** 13:00 AEDT on a summer Saturday; the sources hold three days of data before it. */
export const NOW = Date.parse("2025-12-20T02:00:00Z");
export const MIN = 60_000;
export const DAY = 86_400_000;
const FIVE = 5 * MIN;

export const ENPHASE_POWER: PointDefinition = {
  originId: "production",
  originSubId: "power",
  name: "Enphase production",
  type: "source",
  subtype: "solar",
  metricType: "power",
  unit: "W",
};
export const ENPHASE_ENERGY: PointDefinition = {
  ...ENPHASE_POWER,
  originSubId: "energy",
  metricType: "energy",
  unit: "Wh",
};
export const AMBER_IMPORT: PointDefinition = {
  originId: "E1",
  originSubId: "kwh",
  name: "Grid import (E1)",
  type: "bidi",
  subtype: "grid",
  extension: "import",
  metricType: "energy",
  unit: "Wh",
};
export const AMBER_PRICE: PointDefinition = {
  ...AMBER_IMPORT,
  originSubId: "price",
  name: "Import price",
  metricType: "price",
  unit: "c/kWh",
};

/** Enphase: 288 five-minute intervals a day (zeros are real values too), average W and Wh in the interval. */
export function enphaseIntervals(fromMs: number, toMs: number): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (let end = fromMs + FIVE; end <= toMs; end += FIVE) {
    const w = 1000 + ((end / FIVE) % 12) * 50;
    out.push({ point: ENPHASE_POWER, intervalEndMs: end, avg: w, last: w });
    out.push({ point: ENPHASE_ENERGY, intervalEndMs: end, delta: w / 12 });
  }
  return out;
}

/** Amber: one usage record per 30 minutes, written at its end; import Wh and price. */
export function amberIntervals(fromMs: number, toMs: number): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (let end = fromMs + 6 * FIVE, i = 0; end <= toMs; end += 6 * FIVE, i++) {
    out.push({ point: AMBER_IMPORT, intervalEndMs: end, delta: 200 + (i % 5) * 10, quality: "billable" });
    out.push({ point: AMBER_PRICE, intervalEndMs: end, avg: 25 + (i % 3), last: 25 + (i % 3), quality: "billable" });
  }
  return out;
}

export interface Sources {
  selectronic: number;
  enphase: number;
  amber: number;
}

/**
 * Three sources of different vendors: the real Selectronic adapter polled against the emulator (hourly for three
 * days, then every 5 minutes for the last two hours), Enphase-shaped and Amber-shaped intervals through ingest
 * (Amber in Brisbane, so its days differ from the composite's Melbourne days), then the daily catch-up.
 */
export async function seedSources(db: Db, emu: RunningEmulators, owner: string): Promise<Sources> {
  const adapter = createSelectronicAdapter({
    baseUrl: emu.urls.selectronic,
    timeoutMs: 3_000,
  }) as unknown as VendorAdapter;
  const selectronic = await insertTestSystem(db, {
    owner,
    vendorType: "selectronic",
    siteId: "1001",
    credentials: { email: "demo@example.com", password: "demo-password" },
  });
  const enphase = await insertTestSystem(db, { owner, vendorType: "enphase", siteId: "2875301", credentials: null });
  const amber = await insertTestSystem(db, {
    owner,
    vendorType: "amber",
    siteId: "amber-site",
    zone: "Australia/Brisbane",
    credentials: null,
  });
  const start = NOW - 3 * DAY;
  const times: number[] = [];
  for (let t = start + 7 * MIN; t < NOW - 2 * 60 * MIN; t += 60 * MIN) times.push(t);
  for (let t = NOW - 2 * 60 * MIN + 2 * MIN; t <= NOW; t += FIVE) times.push(t);
  for (const t of times) {
    emu.control.setClock(t);
    const r = await pollSystem(selectronic, {
      now: new Date(t),
      cause: "ADMIN",
      force: true,
      resolveAdapter: () => adapter,
    });
    if (r.status !== "succeeded") throw new Error(`poll at ${new Date(t).toISOString()}: ${JSON.stringify(r)}`);
  }
  for (let day = start; day < NOW; day += DAY) {
    const to = Math.min(day + DAY, NOW);
    await ingestFetchResult(
      { id: enphase, displayTimezone: "Australia/Melbourne" },
      { readings: [], intervals: enphaseIntervals(day, to) },
      { sessionId: null, receivedMs: to },
    );
    await ingestFetchResult(
      { id: amber, displayTimezone: "Australia/Brisbane" },
      { readings: [], intervals: amberIntervals(day, to) },
      { sessionId: null, receivedMs: to },
    );
  }
  await catchUpDaily({ now: new Date(NOW) });
  return { selectronic, enphase, amber };
}

/** The point id of a path in a system. */
export async function pointIdOf(db: Db, systemId: number, path: string): Promise<number> {
  const [head, metric] = path.split("/");
  const [type, subtype, extension] = head.split(".");
  const res = await db.$client.execute({
    sql:
      "SELECT id FROM point_info WHERE system_id = ? AND type = ? AND IFNULL(subtype, '') = ? AND " +
      "IFNULL(extension, '') = ? AND metric_type = ?",
    args: [systemId, type, subtype ?? "", extension ?? "", metric],
  });
  if (res.rows.length !== 1) throw new Error(`${res.rows.length} points of system ${systemId} have path ${path}`);
  return Number(res.rows[0].id);
}

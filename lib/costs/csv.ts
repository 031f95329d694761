import { stringify } from "csv-stringify/sync";
import { roundCents } from "@/lib/tariffs/money";
import type { CostFigures, CostsResponse } from "./types";

const grams = (g: number | null) => (g === null ? null : Math.round(g) / 1000);

function figures(f: CostFigures): Array<number | string | null> {
  return [
    roundCents(f.importCents),
    roundCents(f.exportCents),
    roundCents(f.supplyCents),
    roundCents(f.controlledLoadCents),
    roundCents(f.demandCents),
    roundCents(f.netCents),
    roundCents(f.savings.vsNoSystemCents),
    roundCents(f.savings.batteryCents),
    grams(f.carbon.importG),
    grams(f.carbon.avoidedG),
    f.intervals,
    f.unknownIntervals,
    String(f.estimated),
  ];
}

/**
 * One CSV line per row (or per 5-minute interval with intervals=1), whole cents and kg CO2-e; unknown values are
 * empty cells, never 0.
 */
export function costsCsv(res: CostsResponse): string {
  if (res.intervals) {
    const header = [
      "end_utc",
      "import_cents",
      "export_cents",
      "controlled_load_cents",
      "import_period",
      "export_period",
    ];
    const lines = res.intervals.map((iv) => [
      new Date(iv.endMs).toISOString(),
      iv.importCents,
      iv.exportCents,
      iv.controlledLoadCents,
      iv.importPeriod,
      iv.exportPeriod,
    ]);
    return stringify([header, ...lines], { record_delimiter: "\r\n", cast: { number: (v) => String(v) } });
  }
  const header = [
    "period",
    "key",
    "start",
    "end",
    "currency",
    "import_cents",
    "export_credit_cents",
    "supply_cents",
    "controlled_load_cents",
    "demand_cents",
    "net_cents",
    "saved_vs_no_system_cents",
    "saved_by_battery_cents",
    "import_kg_co2e",
    "avoided_kg_co2e",
    "intervals",
    "unknown_intervals",
    "estimated",
  ];
  const lines = res.rows.map((r) => [res.period, r.key, r.start, r.end, res.currency, ...figures(r)]);
  return stringify([header, ...lines], { record_delimiter: "\r\n", cast: { number: (v) => String(v) } });
}

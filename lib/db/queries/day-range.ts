import "server-only";
import { getDb } from "@/lib/db/client";

/** Tables keyed by (system_id, …, day) whose rows a day range may clear. */
export type DayTable = "point_readings_agg_1d" | "energy_daily";

/** Deletes `table`'s rows of one system (or all, null) in an optional local-day range; returns how many. */
export async function deleteDayRange(
  table: DayTable,
  systemId: number | null,
  fromDay?: string,
  toDay?: string,
): Promise<number> {
  const where: string[] = [];
  const args: Array<string | number> = [];
  const add = (clause: string, value: string | number) => {
    where.push(clause);
    args.push(value);
  };
  if (systemId !== null) add("system_id = ?", systemId);
  if (fromDay) add("day >= ?", fromDay);
  if (toDay) add("day <= ?", toDay);
  const res = await getDb().$client.execute({
    sql: `DELETE FROM ${table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`,
    args,
  });
  return res.rowsAffected;
}

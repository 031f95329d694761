import type { CostFigures, CostsResponse } from "@/lib/costs/types";
import { periodUnit, type Period } from "./period";

/**
 * What the money card and the cost bars draw, built only from the server's costs (GET /api/systems/{id}/costs),
 * which prices the same 5-minute intervals as the energy accounts: money and energy cannot disagree.
 */

/** The costs request of a dashboard period (one row per day, month or year, as the energy bars). */
export function costsUrl(systemId: number, period: Period): string {
  const q = new URLSearchParams({ period: periodUnit(period), from: period.startDay, to: period.endDay });
  return `/api/systems/${systemId}/costs?${q.toString()}`;
}

/** The money card's request: this month's days up to today (today is the last row; the bill comes with it). */
export function moneyCardUrl(systemId: number, today: string): string {
  const q = new URLSearchParams({ period: "day", from: `${today.slice(0, 7)}-01`, to: today });
  return `/api/systems/${systemId}/costs?${q.toString()}`;
}

/**
 * The known part of a span whose total is unknown: the net of the days whose net is known, and what was left out.
 * Shown instead of "—" with a mark, so one unknown interval does not hide a month; the total itself stays unknown.
 */
export interface KnownPart {
  /** Null when no day's net is known (never 0). */
  netCents: number | null;
  knownDays: number;
  /** Days left out (their net unknown) and the unknown 5-minute intervals in them. */
  unknownDays: number;
  unknownIntervals: number;
}

/** The known days' net of some rows (days), and how many days and intervals were left out. */
export function knownPart(rows: readonly CostFigures[]): KnownPart {
  let net: number | null = null;
  let knownDays = 0;
  let unknownDays = 0;
  let unknownIntervals = 0;
  for (const r of rows) {
    if (r.netCents === null) {
      unknownDays++;
      unknownIntervals += r.unknownIntervals;
    } else {
      net = (net ?? 0) + r.netCents;
      knownDays++;
    }
  }
  return { netCents: net, knownDays, unknownDays, unknownIntervals };
}

export interface MoneyCardFigures {
  today: CostFigures | null;
  month: CostFigures;
  /** This month's known days when its total is unknown; null when the total is known. */
  monthKnown: KnownPart | null;
  bill: CostsResponse["bill"];
  currency: string;
}

/** Today (the row whose key is `today`), this month so far, and the current bill. */
export function moneyCardFigures(res: CostsResponse, today: string): MoneyCardFigures {
  return {
    today: res.rows.find((r) => r.key === today) ?? null,
    month: res.total,
    monthKnown: res.total.netCents === null ? knownPart(res.rows) : null,
    bill: res.bill,
    currency: res.currency,
  };
}

/** One bar group: what was paid (import, supply, controlled load, demand) and what export earned, cents. */
export interface MoneyBarRow {
  key: string;
  title: string;
  paidCents: number | null;
  earnedCents: number | null;
  netCents: number | null;
  inProgress: boolean;
  estimated: boolean;
}

const paidOf = (f: CostFigures): number | null =>
  f.importCents === null || f.supplyCents === null || f.controlledLoadCents === null || f.demandCents === null
    ? null
    : f.importCents + f.supplyCents + f.controlledLoadCents + f.demandCents;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function titleOf(key: string): string {
  if (key.length === 4) return key;
  if (key.length === 7) return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
  return `${Number(key.slice(8, 10))} ${MONTHS[Number(key.slice(5, 7)) - 1]}`;
}

/** The bars of a costs response, one per row; unknown money stays null (no bar, "—"), never 0. */
export function moneyBarRows(res: CostsResponse): MoneyBarRow[] {
  return res.rows.map((r) => ({
    key: r.key,
    title: titleOf(r.key),
    paidCents: paidOf(r),
    earnedCents: r.exportCents,
    netCents: r.netCents,
    inProgress: r.inProgress,
    estimated: r.estimated,
  }));
}

import "server-only";
import { z } from "zod";
import { selectFailingSystems, selectHealthErrors, selectHealthHours, selectHealthTotals } from "./store-health";

const HOUR_MS = 3_600_000;

export const healthQuerySchema = z.object({
  days: z.coerce.number().int().min(1, "days must be 1 to 14").max(14, "days must be 1 to 14").default(3),
});

export interface HealthHour {
  /** Start of the UTC hour, ms. */
  hourMs: number;
  sessions: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** Failed / (succeeded + failed), 0–100 %; null when none finished. */
  errorRatePct: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Failed sessions per error code. */
  errors: Record<string, number>;
}

export interface VendorHealth {
  vendor: string;
  sessions: number;
  /** Succeeded / finished over the window, 0–100 %. */
  successRatePct: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  errors: Record<string, number>;
  /** Hours with sessions, oldest first. */
  hours: HealthHour[];
}

export interface FailingSystem {
  id: number;
  displayName: string;
  vendor: string;
  consecutiveErrors: number;
  lastErrorCode: string | null;
  lastErrorTime: number | null;
  lastSuccessTime: number | null;
}

export interface PollHealth {
  sinceMs: number;
  vendors: VendorHealth[];
  failingNow: FailingSystem[];
  measuredAt: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * Poll health per vendor from the sessions log: success rate, p50 / p95 duration and error classes per hour over the
 * last `days` days (aggregated by the database over the started-time index), and the systems failing now.
 */
export async function getPollHealth(days = 3, now = new Date()): Promise<PollHealth> {
  const nowMs = now.getTime();
  const sinceMs = Math.floor((nowMs - days * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const [hours, errors, totals, failing] = [
    await selectHealthHours(sinceMs),
    await selectHealthErrors(sinceMs),
    await selectHealthTotals(sinceMs),
    await selectFailingSystems(),
  ];
  const vendors = new Map<string, VendorHealth>();
  for (const t of totals) {
    const succeeded = Number(t.succeeded);
    const failed = Number(t.failed);
    vendors.set(String(t.v), {
      vendor: String(t.v),
      sessions: Number(t.n),
      successRatePct: pct(succeeded, succeeded + failed),
      p50Ms: num(t.p50),
      p95Ms: num(t.p95),
      errors: {},
      hours: [],
    });
  }
  const byHour = new Map<string, HealthHour>();
  for (const h of hours) {
    const vendor = vendors.get(String(h.v));
    if (!vendor) continue;
    const succeeded = Number(h.succeeded);
    const failed = Number(h.failed);
    const hour: HealthHour = {
      hourMs: Number(h.h) * HOUR_MS,
      sessions: Number(h.n),
      succeeded,
      failed,
      pending: Number(h.pending),
      errorRatePct: pct(failed, succeeded + failed),
      p50Ms: num(h.p50),
      p95Ms: num(h.p95),
      errors: {},
    };
    vendor.hours.push(hour);
    byHour.set(`${vendor.vendor}|${h.h}`, hour);
  }
  for (const e of errors) {
    const code = String(e.code);
    const n = Number(e.n);
    const vendor = vendors.get(String(e.v));
    if (vendor) vendor.errors[code] = (vendor.errors[code] ?? 0) + n;
    const hour = byHour.get(`${String(e.v)}|${e.h}`);
    if (hour) hour.errors[code] = n;
  }
  return {
    sinceMs,
    vendors: [...vendors.values()],
    failingNow: failing.map((f) => ({
      id: Number(f.id),
      displayName: String(f.display_name),
      vendor: String(f.vendor_type),
      consecutiveErrors: Number(f.consecutive_errors),
      lastErrorCode: f.last_error_code === null ? null : String(f.last_error_code),
      lastErrorTime: num(f.last_error_time),
      lastSuccessTime: num(f.last_success_time),
    })),
    measuredAt: nowMs,
  };
}

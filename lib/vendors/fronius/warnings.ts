import type { FroniusStore } from "./schema";

/** Below this a power is treated as idle: a meter's noise is no contradiction. */
const IDLE_W = 50;

/**
 * Sign contradictions between a power and its interval energies: battery + discharging / − charging and grid +
 * import / − export, against which direction the interval's energy went. The published push spec's example
 * sends `batteryW: -700` with only `batteryOutWhInterval`, which is one. The body is stored as sent; these are
 * recorded with the session so the pusher's owner can fix the sign (no values are echoed).
 */
export function pushWarnings(body: FroniusStore): string[] {
  const out: string[] = [];
  const check = (
    field: "batteryW" | "gridW",
    w: number | null | undefined,
    plus: { name: string; wh: number | null | undefined; field: string },
    minus: { name: string; wh: number | null | undefined; field: string },
  ) => {
    if (w == null || Math.abs(w) < IDLE_W) return;
    const [said, other] = w > 0 ? [plus, minus] : [minus, plus];
    if ((other.wh ?? 0) > 0 && !((said.wh ?? 0) > 0)) {
      out.push(
        `${field} is ${w > 0 ? "positive" : "negative"} (${said.name}) but the interval's energy is all ${other.name} ` +
          `(${other.field}): send ${field} + ${plus.name}, − ${minus.name}`,
      );
    }
  };
  check(
    "batteryW",
    body.batteryW,
    { name: "discharging", wh: body.batteryOutWhInterval, field: "batteryOutWhInterval" },
    { name: "charging", wh: body.batteryInWhInterval, field: "batteryInWhInterval" },
  );
  check(
    "gridW",
    body.gridW,
    { name: "importing", wh: body.gridInWhInterval, field: "gridInWhInterval" },
    { name: "exporting", wh: body.gridOutWhInterval, field: "gridOutWhInterval" },
  );
  return out;
}

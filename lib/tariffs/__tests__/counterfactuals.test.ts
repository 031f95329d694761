import { counterfactualInterval, savingsOf } from "../counterfactuals";
import { computeCosts } from "../engine";
import { intervalsFor, MEL, plan, r9 } from "./fixtures";

describe("counterfactual intervals", () => {
  it.each([
    { kind: "noSolarNoBattery" as const, load: 300, solar: 500, importWh: 300, exportWh: 0 },
    { kind: "noSolarNoBattery" as const, load: null, solar: 500, importWh: null, exportWh: null },
    { kind: "solarNoBattery" as const, load: 300, solar: 500, importWh: 0, exportWh: 200 },
    { kind: "solarNoBattery" as const, load: 300, solar: 100, importWh: 200, exportWh: 0 },
    { kind: "solarNoBattery" as const, load: 300, solar: null, importWh: null, exportWh: null },
  ])("$kind with load $load Wh and solar $solar Wh", ({ kind, load, solar, importWh, exportWh }) => {
    expect(counterfactualInterval({ endMs: 300_000, loadWh: load, solarWh: solar }, kind)).toEqual({
      endMs: 300_000,
      importWh,
      exportWh,
    });
  });

  it("keeps controlled load as it was", () => {
    const iv = counterfactualInterval(
      { endMs: 300_000, loadWh: 1, solarWh: 0, controlledLoadWh: 50 },
      "solarNoBattery",
    );
    expect(iv.controlledLoadWh).toBe(50);
  });
});

describe("savings on the same plan", () => {
  // A day with 100 Wh load per interval; solar 400 Wh per interval 10:00–14:00; a battery that covers the evening.
  const p = plan({
    supply: { centsPerDay: 100 },
    import: { kind: "flat", centsPerKwh: 30 },
    feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
  });
  const flows = intervalsFor(["2025-11-12"], MEL, (t) => ({ importWh: t >= "10:00" && t < "14:00" ? 400 : 0 })).map(
    (iv) => ({
      endMs: iv.endMs,
      loadWh: 100,
      solarWh: iv.importWh,
    }),
  );
  // Actual: the battery took 100 Wh of each solar interval and served the evening (18:00–22:00): no import then.
  const actual = computeCosts({
    plans: [p],
    zone: MEL,
    intervals: intervalsFor(["2025-11-12"], MEL, (t) => ({
      importWh: (t >= "10:00" && t < "14:00") || (t >= "18:00" && t < "22:00") ? 0 : 100,
      exportWh: t >= "10:00" && t < "14:00" ? 200 : 0,
    })),
  });

  it.each([
    // 28.8 kWh at 30 c = 864 c + supply; actual: 192 intervals × 0.1 kWh × 30 c = 576 c, export 9.6 kWh × 5 c = 48 c
    { kind: "noSolarNoBattery" as const, saved: 864 - (576 - 48) },
    // solar only: import 240 × 0.1 kWh × 30 = 720 c, export 48 × 0.3 kWh × 5 = 72 c
    { kind: "solarNoBattery" as const, saved: 720 - 72 - (576 - 48) },
  ])("$kind saves $saved c", ({ kind, saved }) => {
    const cf = computeCosts({ plans: [p], zone: MEL, intervals: flows.map((f) => counterfactualInterval(f, kind)) });
    const s = savingsOf(actual, cf);
    expect(s.days.map((d) => [d.start, r9(d.savedCents), d.partial])).toEqual([["2025-11-12", saved, false]]);
    expect(r9(s.months[0].savedCents)).toBe(saved);
  });
});

import { monthSummaries } from "../summary";
import type { ChargingSession } from "../types";

const session = (day: string, location: ChargingSession["location"], costCents: number | null): ChargingSession => ({
  id: `load.ev@${day}`,
  chargerKey: "load.ev",
  chargerName: "EV",
  source: "charger",
  startMs: Date.parse(`${day}T01:00:00Z`),
  endMs: Date.parse(`${day}T03:00:00Z`),
  day,
  ongoing: false,
  energyWh: 10_000,
  peakW: 7000,
  chargerKind: "ac",
  location,
  distanceM: null,
  supply: { solarWh: null, batteryWh: null, gridWh: null, unattributedWh: 10_000 },
  solarSharePct: null,
  costCents,
  emissionsG: null,
  batteryStartPct: null,
  batteryEndPct: null,
  detail: { energyProvenance: "measured", supplyProvenance: "unknown" },
});

describe("monthSummaries: km driven and cost per 100 km", () => {
  const km = new Map([["2026-11", 200]]);
  it.each<[string, ChargingSession[], Set<string>, number | null, number | null]>([
    [
      "home sessions with km",
      [session("2026-11-02", "home", 300), session("2026-11-09", "home", 100)],
      new Set(),
      200,
      200,
    ],
    [
      "an away session: cost per km unknown",
      [session("2026-11-02", "home", 300), session("2026-11-09", "away", null)],
      new Set(),
      200,
      null,
    ],
    [
      "away sessions filtered out but present that month",
      [session("2026-11-02", "home", 300)],
      new Set(["2026-11"]),
      200,
      null,
    ],
    ["a home cost unknown", [session("2026-11-02", "home", null)], new Set(), 200, null],
    ["no km that month", [session("2026-10-02", "home", 300)], new Set(), null, null],
  ])("%s", (_n, sessions, notHome, kmDriven, per100) => {
    const [m] = monthSummaries(sessions, { km, notHome });
    expect(m.kmDriven).toBe(kmDriven);
    expect(m.costPer100KmCents).toBe(per100);
  });

  it("0 km driven is known, but gives no cost per 100 km", () => {
    const [m] = monthSummaries([session("2026-11-02", "home", 300)], { km: new Map([["2026-11", 0]]) });
    expect(m).toMatchObject({ kmDriven: 0, costPer100KmCents: null });
  });
});

import { formatPointPath, type PointType } from "@/lib/points";
import { mapRows, pointsOf, slugOf } from "../mapper";
import { createPkcePair, pkceChallenge } from "../pkce";
import type { PointDefinition } from "../../types";

const path = (p: PointDefinition) =>
  formatPointPath({ type: p.type as PointType, subtype: p.subtype, extension: p.extension, metric: p.metricType });
const row = (id: string, name: string, loadType: string) => ({
  monitoringPointId: id,
  monitoringPointName: name,
  loadType,
});

describe("Mondo PKCE", () => {
  it("computes the RFC 7636 S256 example", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
  it("makes a fresh 43-character verifier each time", () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(pkceChallenge(a.verifier)).toBe(a.challenge);
  });
});

describe("Mondo rows → points", () => {
  it.each([
    ["PvInverter", "source.solar.roof/power"],
    ["HybridPv", "source.solar.roof/power"],
    ["HybridBattery", "bidi.battery/power"],
    ["GateMeter", "bidi.grid/power"],
    ["Hybridinverter", "bidi.inverter.roof/power"],
    ["Other", "load.roof/power"],
    ["SomethingNew", "load.roof/power"],
  ])("places loadType %s by capability", (loadType, expected) => {
    expect(path(pointsOf([row("a", "Roof", loadType)]).get("a")!.power)).toBe(expected);
  });

  it("makes paths unique per row and identifies points by monitoringPointId", () => {
    const points = pointsOf([row("b", "Air Con", "Other"), row("a", "Air-Con!", "Other"), row("c", "", "Other")]);
    expect(path(points.get("a")!.power)).toBe("load.air_con/power");
    expect(path(points.get("b")!.power)).toBe("load.air_con_2/power");
    expect(path(points.get("c")!.energy)).toBe("load.c/energy");
    expect(points.get("a")!.energy).toMatchObject({ originId: "a", originSubId: "energy", unit: "Wh", transform: "d" });
    expect(points.get("a")!.power).toMatchObject({ originId: "a", originSubId: "power", unit: "W", transform: null });
  });

  it("slugs names into path segments", () => {
    expect(slugOf("  Pool Pump (Main) ", "x")).toBe("pool_pump_main");
    expect(slugOf("¡¡¡", "9b2e5f10-aaaa")).toBe("9b2e5f10");
  });

  it("reads both values at the receive time and skips missing ones", () => {
    const r = mapRows([{ ...row("a", "Grid", "GateMeter"), energyNowW: -850.5, totalEnergyWh: null }], 1234);
    expect(r).toEqual([expect.objectContaining({ measurementTimeMs: 1234, value: -850.5 })]); // − = exporting
  });
});

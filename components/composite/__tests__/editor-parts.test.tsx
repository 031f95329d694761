import { renderToStaticMarkup } from "react-dom/server";
import type { CandidateSystem } from "@/lib/composite/types";
import { BalanceWarnings, warningsFor } from "../balance-warnings";
import { DroppedSources } from "../dropped-sources";
import { PointPicker } from "../point-picker";
import { toRequestBody } from "../use-composite-form";

describe("toRequestBody", () => {
  it("groups assignments by category, converts battery capacities from kWh to Wh and drops the rest", () => {
    const body = toRequestBody({
      displayName: " Home ",
      alias: "",
      displayTimezone: "Australia/Melbourne",
      assignments: { "1:1": "solar", "2:1": "solar", "1:3": "battery", "3:9": "pool" },
      customCategories: ["pool"],
      capacitiesKwh: { "1:3": "13.5", "2:1": "5", "3:9": "" },
    });
    expect(body).toEqual({
      displayName: "Home",
      alias: null,
      displayTimezone: "Australia/Melbourne",
      mappings: {
        solar: [
          { systemId: 1, pointId: 1 },
          { systemId: 2, pointId: 1 },
        ],
        battery: [{ systemId: 1, pointId: 3 }],
        pool: [{ systemId: 3, pointId: 9 }],
      },
      capacities: { "1:3": 13_500 },
    });
  });
});

describe("DroppedSources", () => {
  it("lists each dropped source and point with its reason, and nothing when all count", () => {
    const html = renderToStaticMarkup(
      <DroppedSources
        sources={[
          { systemId: 1, displayName: "Shed", vendorType: "selectronic", status: "ok" },
          {
            systemId: 2,
            displayName: "Roof",
            vendorType: "enphase",
            status: "dropped",
            reason: "access_revoked",
            message: "The owner can no longer read “Roof”",
          },
        ]}
        points={[
          {
            category: "battery",
            systemId: 1,
            pointId: 7,
            reason: "point_inactive",
            message: "“SoC” of “Shed” is switched off",
          },
        ]}
      />,
    );
    expect(html).toContain('data-reason="access_revoked"');
    expect(html).toContain("The owner can no longer read “Roof”");
    expect(html).toContain('data-reason="point_inactive"');
    expect(html).not.toContain("Shed</li>");
    expect(renderToStaticMarkup(<DroppedSources sources={[]} points={[]} />)).toBe("");
  });
});

describe("PointPicker", () => {
  const system: CandidateSystem = {
    systemId: 4,
    displayName: "Shed",
    alias: null,
    vendorType: "selectronic",
    displayTimezone: "Australia/Melbourne",
    role: "owner",
    categories: {
      solar: [{ pointId: 1, path: "source.solar/power", displayName: "Solar", metricType: "power", unit: "W" }],
      battery: [{ pointId: 3, path: "bidi.battery/soc", displayName: "SoC", metricType: "soc", unit: "%" }],
      load: [],
      grid: [],
      other: [{ pointId: 9, path: null, displayName: "Fault", metricType: "text", unit: "" }],
    },
  };
  it("groups by system and category and asks for a capacity once a SoC feeds the battery", () => {
    const html = renderToStaticMarkup(
      <PointPicker
        systems={[system]}
        assignments={{ "4:3": "battery" }}
        customCategories={["pool"]}
        capacitiesKwh={{}}
        onAssign={() => undefined}
        onCapacity={() => undefined}
      />,
    );
    expect(html).toContain("Shed");
    expect(html).toMatch(/Solar<\/h3>.*Battery<\/h3>.*Other/s);
    expect(html).not.toContain(">Load</h3>");
    expect(html).toContain('aria-label="Capacity of SoC in kWh"');
    expect(html).toContain('<option value="pool">pool</option>');
  });
});

describe("balance warnings in the editor", () => {
  const sys = (systemId: number, displayName: string, location: { lat: number; lng: number } | null) =>
    ({ systemId, displayName, location, categories: {} }) as unknown as CandidateSystem;
  const systems = [
    sys(1, "Home", { lat: -37.81, lng: 144.96 }),
    sys(2, "Home tariff", { lat: -37.81, lng: 144.96 }),
    sys(3, "Sydney microinverters", { lat: -33.87, lng: 151.21 }),
  ];

  it("warns as the user picks: one site's grid twice, solar without its load", () => {
    const warnings = warningsFor(
      { "1:1": "solar", "1:2": "load", "1:3": "grid", "2:9": "grid", "3:4": "solar" },
      systems,
    );
    expect(warnings).toHaveLength(2);
    const html = renderToStaticMarkup(<BalanceWarnings warnings={warnings} />);
    expect(html).toContain('data-testid="composite-warnings"');
    expect(html).toContain("counted twice");
    expect(html).toContain("“Sydney microinverters” brings solar but not its load and grid");
  });

  it("says nothing for a mapping that balances", () => {
    expect(warningsFor({ "1:1": "solar", "1:2": "load", "1:3": "grid" }, systems)).toEqual([]);
    expect(renderToStaticMarkup(<BalanceWarnings warnings={[]} />)).toBe("");
  });
});

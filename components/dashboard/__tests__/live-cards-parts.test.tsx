import { renderToStaticMarkup } from "react-dom/server";
import { BatteryCard, GridCard, LoadCard, SolarCard } from "../live-cards-parts";
import type { LiveValues } from "../live-values";

const NOW = 1_750_000_000_000;
const ctx = { nowMs: NOW, timezone: "Australia/Melbourne" };
const v = (value: number, ageMs = 30_000) => ({ value, measurementTimeMs: NOW - ageMs });

/** The text inside the element carrying a data-testid (tags stripped). */
function textOf(html: string, testId: string): string | null {
  const m = new RegExp(`data-testid="${testId}"[^>]*>(.*?)</(p|dd|span)>`).exec(html);
  return m
    ? m[1]
        .replace(/<[^>]+>/g, "")
        .replace(/\s+/g, " ")
        .trim()
    : null;
}

describe("live cards", () => {
  test.each<[string, LiveValues, string, string | null]>([
    ["battery discharging (+)", { battery: v(1500) }, "live-battery", "1.50 kW discharging"],
    ["battery charging (−)", { battery: v(-850) }, "live-battery", "850 W charging"],
    ["battery idle near zero", { battery: v(4) }, "live-battery", "4 W idle"],
    ["battery state of charge", { batterySoc: v(64.4) }, "live-battery-soc", "64 %"],
    ["grid import (+)", { grid: v(2300) }, "live-grid", "2.30 kW importing"],
    ["grid export (−)", { grid: v(-770) }, "live-grid", "770 W exporting"],
    ["load", { load: v(850) }, "live-load", "850 W"],
    ["solar", { solar: v(3420) }, "live-solar", "3.42 kW"],
    ["solar split", { solar: v(3000), solarLocal: v(1800), solarRemote: v(1200) }, "live-solar-remote", "1.20 kW"],
    ["no split without both parts", { solar: v(3000) }, "live-solar-local", null],
  ])("%s", (_name, values, testId, expected) => {
    const html = renderToStaticMarkup(
      <>
        <SolarCard v={values} ctx={ctx} />
        <LoadCard v={values} ctx={ctx} />
        <BatteryCard v={values} ctx={ctx} />
        <GridCard v={values} ctx={ctx} />
      </>,
    );
    expect(textOf(html, testId)).toBe(expected);
  });

  test("cards without values render nothing", () => {
    const empty: LiveValues = {};
    const html = renderToStaticMarkup(
      <>
        <SolarCard v={empty} ctx={ctx} />
        <LoadCard v={empty} ctx={ctx} />
        <BatteryCard v={empty} ctx={ctx} />
        <GridCard v={empty} ctx={ctx} />
      </>,
    );
    expect(html).toBe("");
  });

  test("a card shows the age of its oldest value and keeps the raw value for tests", () => {
    const html = renderToStaticMarkup(
      <BatteryCard v={{ battery: v(-1200, 30_000), batterySoc: v(55, 7 * 60_000) }} ctx={ctx} />,
    );
    expect(html).toContain("7 min ago");
    expect(html).toContain('data-value="-1200"');
    expect(html).toContain('aria-valuenow="55"');
  });
});

test("the load card lists child loads and the rest of the house", () => {
  const html = renderToStaticMarkup(
    <LoadCard
      v={{
        load: v(2000),
        childLoads: [
          { key: "hvac", label: "Air conditioner", ...v(1500) },
          { key: "rest", label: "Rest of house", ...v(500, 90_000) },
        ],
      }}
      ctx={ctx}
    />,
  );
  expect(textOf(html, "live-load-hvac")).toBe("1.50 kW");
  expect(textOf(html, "live-load-rest")).toBe("500 W");
  expect(html).toContain("Air conditioner");
  expect(html).toContain("1 min ago");
});

describe("card freshness and names", () => {
  test.each<[string, number, number | undefined, string, string | null]>([
    ["half a minute old: fresh, no word", 30_000, undefined, "fresh", null],
    ["7 minutes old at a 1-minute cadence: delayed", 7 * 60_000, undefined, "stale", "Delayed"],
    ["47 minutes old (a composite's stale source): offline", 47 * 60_000, undefined, "old", "Offline"],
    ["7 minutes old at a 5-minute cadence: still fresh", 7 * 60_000, 5 * 60_000, "fresh", null],
  ])("%s", (_n, ageMs, cadenceMs, fresh, word) => {
    const html = renderToStaticMarkup(<SolarCard v={{ solar: v(3000, ageMs) }} ctx={{ ...ctx, cadenceMs }} />);
    expect(html).toContain(`data-freshness="${fresh}"`);
    if (word) expect(html).toContain(`${word} ·`);
    else expect(html).not.toMatch(/(Delayed|Offline) ·/);
  });

  test("a renamed point's card carries its name; a derived load says so", () => {
    const html = renderToStaticMarkup(
      <>
        <GridCard v={{ grid: { ...v(-500), label: "Gate meter" } }} ctx={ctx} />
        <LoadCard v={{ load: { ...v(900), derived: true } }} ctx={ctx} />
      </>,
    );
    expect(html).toContain(">Gate meter</h3>");
    expect(html).not.toContain(">Grid</h3>");
    expect(html).toContain("worked out from solar, battery and grid");
  });
});

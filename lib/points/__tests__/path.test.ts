import { formatPointPath, parsePointPath, pathMatcher, pathOfPoint } from "../path";

describe("point paths", () => {
  test.each([
    [{ type: "source", subtype: "solar", metric: "power" }, "source.solar/power"],
    [{ type: "source", subtype: "solar", extension: "remote", metric: "power" }, "source.solar.remote/power"],
    [{ type: "load", metric: "power" }, "load/power"],
    [{ type: "bidi", subtype: "grid", extension: "import", metric: "energy" }, "bidi.grid.import/energy"],
    [{ type: "load", extension: "ignored", metric: "power" }, "load/power"],
  ] as const)("formats %j as %s", (parts, path) => {
    expect(formatPointPath(parts)).toBe(path);
  });

  test.each(["bidi.battery/soc", "source.solar.local/power", "load.hvac/power"])("round-trips %s", (path) => {
    expect(formatPointPath(parsePointPath(path)!)).toBe(path);
  });

  test.each(["solar/power", "source.solar", "source/power/x", "bidi.a.b.c/power", "", "source.so lar/power"])(
    "rejects %j",
    (bad) => expect(parsePointPath(bad)).toBeNull(),
  );

  test.each([
    ["source.solar*/power", "source.solar.remote/power", true],
    ["source.solar*/power", "source.solar/power", true],
    ["source.solar*/power", "source.solar/energy", false],
    ["bidi.battery/*", "bidi.battery/soc", true],
    ["*/power", "load.hvac/power", true],
    ["load/power", "load.hvac/power", false],
  ])("glob %s on %s is %s", (glob, path, expected) => {
    expect(pathMatcher(glob)(path)).toBe(expected);
  });

  it("gives unclassified points no path", () => {
    expect(pathOfPoint({ type: null, subtype: null, extension: null, metricType: "power" })).toBeNull();
    expect(pathOfPoint({ type: "bidi", subtype: "battery", extension: null, metricType: "soc" })).toBe(
      "bidi.battery/soc",
    );
  });
});

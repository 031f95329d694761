import { toOpenMetrics } from "../openmetrics";

const point = (path: string | null, value: number | null, unit = "W") => ({
  pointId: 1,
  path,
  displayName: "x",
  unit,
  value,
  valueStr: null,
  measurementTimeMs: 1_700_000_000_000,
  receivedTimeMs: 1_700_000_000_000,
});

test("one gauge per point kind, labelled by system, point and unit; unknown values left out", () => {
  const text = toOpenMetrics([
    {
      id: 7,
      name: 'Home "north"',
      latest: {
        systemId: 7,
        source: "db",
        lastUpdateMs: null,
        points: [
          point("source.solar/power", 1234.5),
          point("load/power", 800),
          point("battery/soc", 55, "%"),
          point("grid/power", null),
          point(null, 3),
        ],
      },
    },
  ]);
  expect(text.split("\n")).toEqual([
    "# HELP solar_monitor_power Latest power of each point (canonical units: W, Wh, %).",
    "# TYPE solar_monitor_power gauge",
    'solar_monitor_power{system="7",system_name="Home \\"north\\"",point="source.solar",unit="W"} 1234.5',
    'solar_monitor_power{system="7",system_name="Home \\"north\\"",point="load",unit="W"} 800',
    "# HELP solar_monitor_soc Latest soc of each point (canonical units: W, Wh, %).",
    "# TYPE solar_monitor_soc gauge",
    'solar_monitor_soc{system="7",system_name="Home \\"north\\"",point="battery",unit="%"} 55',
    "",
  ]);
});

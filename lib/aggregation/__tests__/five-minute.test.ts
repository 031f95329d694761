import { intervalEndOf, reduceFiveMinute, type AggPoint, type Sample } from "../five-minute";

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0); // an interval boundary
const MIN = 60_000;
const power: AggPoint = { id: 1, transform: null, metricType: "power" };
const inverted: AggPoint = { id: 2, transform: "i", metricType: "power" };
const counter: AggPoint = { id: 3, transform: "d", metricType: "energy" };
const intervalEnergy: AggPoint = { id: 4, transform: null, metricType: "energy" };
const text: AggPoint = { id: 5, transform: null, metricType: "text" };
const s = (min: number, value: number | null, extra: Partial<Sample> = {}): Sample => ({
  timeMs: T0 + min * MIN,
  value,
  valueStr: null,
  quality: 0,
  ...extra,
});

describe("intervalEndOf", () => {
  it.each([
    ["exactly on a boundary belongs to the interval it ends", T0, T0],
    ["1 ms after a boundary belongs to the next interval", T0 + 1, T0 + 5 * MIN],
    ["mid-interval", T0 + 2.5 * MIN, T0 + 5 * MIN],
    ["1 ms before the next boundary", T0 + 5 * MIN - 1, T0 + 5 * MIN],
    ["the next boundary itself", T0 + 5 * MIN, T0 + 5 * MIN],
  ])("%s", (_name, t, end) => expect(intervalEndOf(t)).toBe(end));
});

describe("reduceFiveMinute", () => {
  const cases: Array<{
    name: string;
    point: AggPoint;
    samples: Sample[];
    prev?: number | null;
    expect: Record<string, unknown>;
    resets?: number;
  }> = [
    {
      name: "power: avg/min/max/last of five samples",
      point: power,
      samples: [s(1, 100), s(2, 200), s(3, 300), s(4, 400), s(5, 500)],
      expect: {
        avg: 300,
        min: 100,
        max: 500,
        last: 500,
        delta: null,
        sampleCount: 5,
        errorCount: 0,
        dataQuality: "good",
      },
    },
    {
      name: "transform i inverts (min/max swap through the sign)",
      point: inverted,
      samples: [s(1, 100), s(3, -300)],
      expect: { avg: 100, min: -100, max: 300, last: 300 },
    },
    {
      name: "error samples are counted, not averaged",
      point: power,
      samples: [s(1, 100), s(2, 99999, { quality: 1 }), s(3, 300)],
      expect: { avg: 200, max: 300, sampleCount: 3, errorCount: 1, dataQuality: "good" },
    },
    {
      name: "all errors: no values, quality error",
      point: power,
      samples: [s(1, null, { quality: 1 })],
      expect: { avg: null, last: null, sampleCount: 1, errorCount: 1, dataQuality: "error" },
    },
    {
      name: "estimated samples mark the interval estimated",
      point: power,
      samples: [s(1, 100), s(2, 100, { quality: 2 })],
      expect: { dataQuality: "estimated" },
    },
    {
      name: "counter: delta from the last value before the interval",
      point: counter,
      samples: [s(1, 1010), s(3, 1030), s(5, 1050)],
      prev: 1000,
      expect: { delta: 50, last: 1050 },
    },
    {
      name: "counter after a 3-hour gap: the gap's energy lands in this interval",
      point: counter,
      samples: [s(2, 4600)],
      prev: 1000,
      expect: { delta: 3600, last: 4600 },
    },
    {
      name: "counter with no earlier value: only the steps inside the interval",
      point: counter,
      samples: [s(1, 1000), s(4, 1007)],
      prev: null,
      expect: { delta: 7 },
    },
    {
      name: "counter reset: the backwards step counts 0, then counting resumes (no negative, no spike)",
      point: counter,
      samples: [s(1, 1010), s(2, 3), s(4, 8)],
      prev: 1000,
      expect: { delta: 15, last: 8 },
      resets: 1,
    },
    {
      name: "counter reset on the first sample of the interval",
      point: counter,
      samples: [s(1, 0), s(3, 5)],
      prev: 50_000,
      expect: { delta: 5 },
      resets: 1,
    },
    {
      name: "interval energy (not a counter): delta is the sum",
      point: intervalEnergy,
      samples: [s(1, 12), s(2, 13), s(3, 15)],
      expect: { delta: 40, avg: 40 / 3 },
    },
    {
      name: "text point keeps the last text value",
      point: text,
      samples: [s(1, null, { valueStr: "charging" }), s(4, null, { valueStr: "idle" })],
      expect: { valueStr: "idle", avg: null, sampleCount: 2 },
    },
  ];

  it.each(cases)("$name", ({ point, samples, prev, expect: want, resets }) => {
    const { row, resets: found } = reduceFiveMinute(point, T0 + 5 * MIN, samples, prev ?? null);
    expect(row).toMatchObject(want);
    expect(row.delta === null || row.delta >= 0).toBe(true);
    expect(found).toHaveLength(resets ?? 0);
  });

  it("is deterministic: the same samples give the same row", () => {
    const samples = [s(1, 1.1), s(2, 2.2), s(3, 3.3)];
    expect(reduceFiveMinute(power, T0, samples, null)).toEqual(reduceFiveMinute(power, T0, samples, null));
  });
});

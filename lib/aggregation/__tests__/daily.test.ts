import { reduceDay, type FiveMinuteStored } from "../daily";

const row = (i: number, over: Partial<FiveMinuteStored> = {}): FiveMinuteStored => ({
  intervalEndMs: i * 300_000,
  avg: 10,
  min: 5,
  max: 15,
  last: 12,
  delta: 1,
  sampleCount: 5,
  errorCount: 0,
  ...over,
});

describe("reduceDay", () => {
  it.each([
    {
      name: "mean of averages, extremes, summed deltas and counts",
      rows: [
        row(1, { avg: 10, min: 1, max: 20, delta: 2 }),
        row(2, { avg: 30, min: 3, max: 40, delta: 3, errorCount: 1 }),
      ],
      want: { avg: 20, min: 1, max: 40, delta: 5, sampleCount: 10, errorCount: 1, intervalCount: 2 },
    },
    {
      name: "last is the value at the end of the day, whatever the row order",
      rows: [row(3, { last: 70 }), row(1, { last: 50 }), row(2, { last: 60 })],
      want: { last: 70 },
    },
    {
      name: "a trailing interval without a last value falls back to the last known one",
      rows: [row(1, { last: 50 }), row(2, { last: null })],
      want: { last: 50 },
    },
    {
      name: "points without deltas keep delta null",
      rows: [row(1, { delta: null }), row(2, { delta: null })],
      want: { delta: null, avg: 10 },
    },
    { name: "no rows", rows: [], want: { avg: null, delta: null, intervalCount: 0, sampleCount: 0 } },
  ])("$name", ({ rows, want }) => {
    expect(reduceDay(rows)).toMatchObject(want);
  });
});

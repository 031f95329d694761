import { readParquet, StreamingParquet } from "../parquet";
import { TIER_COLUMNS, type TierRow } from "../tiers";

// Pages are gathered into row groups: whatever the page and group sizes, the file reads back as the rows written.
const row = (i: number): TierRow => ({
  system_id: 1,
  point_id: 1 + (i % 3),
  interval_end: 1_750_000_000_000 + i * 300_000,
  avg: i % 5 === 0 ? null : i * 1.5,
  min: 0,
  max: i,
  last: i * 1.5,
  delta: null,
  value_str: i % 7 === 0 ? `text ${i}` : null,
  sample_count: 5,
  error_count: 0,
  data_quality: i % 2 ? "good" : null,
  session_id: null,
  created_at: 1_750_000_000_000,
  updated_at: 1_750_000_000_001,
});

it.each([
  [3, 7, 10],
  [5, 10, 10],
  [1, 4, 1_000],
  [0, 5, 10],
])("%i pages of %i rows in groups of %i read back equal", async (pages, pageRows, groupRows) => {
  const chunks: Uint8Array[] = [];
  const writer = new StreamingParquet(TIER_COLUMNS["5m"], (c) => chunks.push(c), groupRows);
  const rows: TierRow[] = [];
  for (let p = 0; p < pages; p++) {
    const page = Array.from({ length: pageRows }, (_, k) => row(p * pageRows + k));
    rows.push(...page);
    await writer.write(page);
  }
  await writer.finish();
  const bytes = Buffer.concat(chunks);
  expect(await readParquet(new Uint8Array(bytes))).toEqual(rows);
});

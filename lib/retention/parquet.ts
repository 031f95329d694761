import { parquetReadObjects } from "hyparquet";
import {
  ByteWriter,
  ParquetWriter,
  parquetWriteBuffer,
  schemaFromColumnData,
  type ColumnSource,
} from "hyparquet-writer";
import type { ColumnSpec, TierRow } from "./tiers";

/** Parquet column data of rows: INT64 (ms UTC, as bigint), DOUBLE, INT32, STRING; every column nullable. */
function columnData(columns: ColumnSpec[], rows: TierRow[]): ColumnSource[] {
  return columns.map((c) => ({
    name: c.name,
    type: c.type,
    nullable: true,
    data: rows.map((r) => {
      const v = r[c.name] ?? null;
      if (v === null) return null;
      if (c.type === "STRING") return String(v);
      return c.type === "INT64" ? BigInt(Math.trunc(Number(v))) : Number(v);
    }),
  }));
}

/** The rows as one Parquet file (snappy, the column order of `columns`). */
export function writeParquet(columns: ColumnSpec[], rows: TierRow[]): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData(columns, rows), rowGroupSize: 100_000 }));
}

/** Every row of a Parquet file, INT64 values as numbers (ms UTC fit a double exactly). */
export async function readParquet(bytes: Uint8Array): Promise<TierRow[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = await parquetReadObjects({ file });
  return rows.map((r) => {
    const out: TierRow = {};
    for (const [k, v] of Object.entries(r)) {
      out[k] = v === null || v === undefined ? null : typeof v === "bigint" ? Number(v) : (v as number | string);
    }
    return out;
  });
}

/**
 * A Parquet file written a row group at a time: `write` appends a page of rows to the group's column arrays (the
 * row objects can go at once) and writes the group when it holds `groupRows`, handing the bytes made so far to
 * `emit`. Memory is one group's column values plus each written group's footer metadata, so groups are large
 * (few footers) while the pages fed in stay small (little garbage per page; docs/benchmarks.md).
 */
export class StreamingParquet {
  private readonly bytes: ByteWriter & { flush?: () => void } = new ByteWriter();
  private readonly writer: ParquetWriter;
  private buffered: ColumnSource[];

  constructor(
    private readonly columns: ColumnSpec[],
    emit: (chunk: Uint8Array) => void,
    private readonly groupRows = 10_000,
  ) {
    const bytes = this.bytes;
    // Called by the writer after each row group and at the end; `offset` (file position) survives the reset.
    bytes.flush = () => {
      if (bytes.index) emit(new Uint8Array(bytes.buffer.slice(0, bytes.index)));
      bytes.index = 0;
    };
    this.buffered = columnData(columns, []);
    this.writer = new ParquetWriter({ writer: bytes, schema: schemaFromColumnData({ columnData: this.buffered }) });
  }

  async write(rows: TierRow[]): Promise<void> {
    const fresh = columnData(this.columns, rows);
    fresh.forEach((c, i) => (this.buffered[i].data as unknown[]).push(...(c.data as unknown[])));
    if (this.buffered[0].data.length >= this.groupRows) await this.writeGroup();
  }

  async finish(): Promise<void> {
    await this.writeGroup();
    await this.writer.finish();
    // The footer: the writer's finish() does not flush.
    this.bytes.flush?.();
  }

  private async writeGroup(): Promise<void> {
    const group = this.buffered;
    const n = group[0].data.length;
    if (!n) return;
    this.buffered = columnData(this.columns, []);
    // Every column chunk's metadata stays live until the footer: no per-page offset index.
    const data = group.map((c) => ({ ...c, offsetIndex: false }));
    await this.writer.write({ columnData: data, rowGroupSize: n });
  }
}

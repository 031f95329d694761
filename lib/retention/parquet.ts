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
 * A Parquet file written a row group at a time: `write` encodes one page of rows and hands the bytes made so far
 * to `emit`, so a long export never holds more than one page (plus the footer's metadata) in memory.
 */
export class StreamingParquet {
  private readonly bytes: ByteWriter & { flush?: () => void } = new ByteWriter();
  private readonly writer: ParquetWriter;

  constructor(
    private readonly columns: ColumnSpec[],
    emit: (chunk: Uint8Array) => void,
  ) {
    const bytes = this.bytes;
    // Called by the writer after each row group and at the end; `offset` (file position) survives the reset.
    bytes.flush = () => {
      if (bytes.index) emit(new Uint8Array(bytes.buffer.slice(0, bytes.index)));
      bytes.index = 0;
    };
    this.writer = new ParquetWriter({
      writer: bytes,
      schema: schemaFromColumnData({ columnData: columnData(columns, []) }),
    });
  }

  async write(rows: TierRow[]): Promise<void> {
    if (!rows.length) return;
    await this.writer.write({ columnData: columnData(this.columns, rows), rowGroupSize: rows.length });
  }

  async finish(): Promise<void> {
    await this.writer.finish();
    // The footer: the writer's finish() does not flush.
    this.bytes.flush?.();
  }
}

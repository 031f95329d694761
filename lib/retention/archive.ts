import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { getEnv, type Env } from "@/lib/env";
import { readParquet, writeParquet } from "./parquet";
import { TIER_COLUMNS, TIER_KEY, type Tier, type TierRow } from "./tiers";

/** Where archive files go: a local folder or an S3-compatible bucket. Keys are `/`-separated relative paths. */
export interface ArchiveSink {
  /** A human description for logs and the admin page (never a credential). */
  readonly where: string;
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export function localSink(dir: string): ArchiveSink {
  const root = resolve(dir);
  return {
    where: root,
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(root, key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async put(key, bytes) {
      const file = join(root, key);
      await mkdir(dirname(file), { recursive: true });
      // Written aside, then renamed: a crash never leaves half a file under the final name.
      await writeFile(`${file}.tmp`, bytes);
      await rename(`${file}.tmp`, file);
    },
  };
}

export interface S3SinkOptions {
  bucket: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}

/**
 * An S3-compatible bucket (S3, R2, any store speaking the S3 API) through @aws-sdk/client-s3, loaded on first use so
 * routes that only import the cleanup do not load the SDK.
 */
export function s3Sink(o: S3SinkOptions): ArchiveSink {
  let client: Promise<{ s3: S3Client; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const connect = () =>
    (client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: o.region ?? "auto",
        endpoint: o.endpoint,
        forcePathStyle: o.forcePathStyle ?? Boolean(o.endpoint),
        credentials:
          o.accessKeyId && o.secretAccessKey
            ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey }
            : undefined,
      }),
    })));
  const prefix = o.prefix ? `${o.prefix}/` : "";
  return {
    where: `s3://${o.bucket}/${prefix}`,
    async get(key) {
      const { s3, sdk } = await connect();
      try {
        const res = await s3.send(new sdk.GetObjectCommand({ Bucket: o.bucket, Key: prefix + key }));
        return res.Body ? await res.Body.transformToByteArray() : null;
      } catch (e) {
        if (e instanceof sdk.NoSuchKey || (e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
    },
    async put(key, bytes) {
      const { s3, sdk } = await connect();
      await s3.send(
        new sdk.PutObjectCommand({
          Bucket: o.bucket,
          Key: prefix + key,
          Body: bytes,
          ContentType: "application/vnd.apache.parquet",
        }),
      );
    },
  };
}

/** The sink configured by ARCHIVE_MODE (lib/env.ts), or null when the cleanup deletes without a copy. */
export function archiveSinkFromEnv(env: Env = getEnv()): ArchiveSink | null {
  if (env.ARCHIVE_MODE === "local") return localSink(env.ARCHIVE_DIR);
  if (env.ARCHIVE_MODE === "s3" && env.ARCHIVE_S3_BUCKET) {
    return s3Sink({
      bucket: env.ARCHIVE_S3_BUCKET,
      prefix: env.ARCHIVE_S3_PREFIX,
      endpoint: env.ARCHIVE_S3_ENDPOINT,
      region: env.ARCHIVE_S3_REGION,
      accessKeyId: env.ARCHIVE_S3_ACCESS_KEY_ID,
      secretAccessKey: env.ARCHIVE_S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.ARCHIVE_S3_FORCE_PATH_STYLE || undefined,
    });
  }
  return null;
}

/** The archive file of one tier, system and local month (YYYY-MM): `<tier>/system-<id>/<month>.parquet`. */
export const archiveKey = (tier: Tier, systemId: number, month: string) =>
  `${tier}/system-${systemId}/${month}.parquet`;

/**
 * Adds rows to the tier's file of a system and month: the file already there (an earlier run's days of the month,
 * or this run's before a crash) is read back and merged, a row of the same key replaced; then written whole.
 * Returns the rows the file now holds.
 */
export async function archiveRows(
  sink: ArchiveSink,
  tier: Tier,
  systemId: number,
  month: string,
  rows: TierRow[],
): Promise<number> {
  const key = archiveKey(tier, systemId, month);
  const existing = await sink.get(key);
  const keyOf = (r: TierRow) => TIER_KEY[tier].map((k) => r[k]).join("|");
  const merged = new Map<string, TierRow>();
  if (existing) for (const r of await readParquet(existing)) merged.set(keyOf(r), r);
  for (const r of rows) merged.set(keyOf(r), r);
  const all = [...merged.values()].sort((a, b) => compareKeys(tier, a, b));
  await sink.put(key, writeParquet(TIER_COLUMNS[tier], all));
  return all.length;
}

function compareKeys(tier: Tier, a: TierRow, b: TierRow): number {
  for (const k of TIER_KEY[tier]) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

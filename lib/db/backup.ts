import type { Client, InValue } from "@libsql/client";
import Database from "libsql";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { MIGRATIONS_DIR } from "./migrate";

/**
 * Backup and restore of the whole database (issue #20). A backup is a libSQL file plus a manifest beside it
 * (`<file>.manifest.json`): the migrations it has, and per table its row count and a checksum of its rows. A local
 * database is copied with `VACUUM INTO` (a consistent snapshot while the app runs); a remote one (Turso) is read in
 * one read transaction, so the copy is one snapshot too. A restore checks the file's integrity and every table's
 * count and checksum against the manifest, and refuses a backup from a newer schema, before it replaces anything.
 */

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  createdAtMs: number;
  /** The source, without credentials or query string. */
  source: string;
  migrations: string[];
  tables: Record<string, TableDigest>;
}

export class BackupError extends Error {
  override name = "BackupError";
}

type Row = unknown[];
type Query = (sql: string) => Promise<Row[]>;

const manifestPath = (file: string) => `${file}.manifest.json`;

/** User tables of a database (no SQLite internals, no views), in creation order. */
async function tableNames(query: Query): Promise<string[]> {
  const rows = await query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
  );
  return rows.map((r) => String(r[0]));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One value as text that is the same whichever client read it (numbers, text, blobs, null). */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return "n";
  if (typeof v === "number" || typeof v === "bigint") return `#${String(v)}`;
  if (typeof v === "string") return `s${v.length}:${v}`;
  if (v instanceof ArrayBuffer) return `b${Buffer.from(v).toString("base64")}`;
  if (ArrayBuffer.isView(v)) return `b${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64")}`;
  return `?${String(v)}`;
}

/** Row count and checksum of every table, rows in a deterministic order (by every column). */
async function digests(query: Query): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const table of await tableNames(query)) {
    const cols = await query(`SELECT COUNT(*) FROM pragma_table_info('${table.replace(/'/g, "''")}')`);
    const n = Number(cols[0][0]);
    const order = Array.from({ length: n }, (_, i) => i + 1).join(", ");
    const rows = await query(`SELECT * FROM ${quote(table)} ORDER BY ${order}`);
    const hash = createHash("sha256");
    for (const row of rows) hash.update(row.map(canonical).join("\u0001") + "\u0002");
    out[table] = { rows: rows.length, sha256: hash.digest("hex") };
  }
  return out;
}

const clientQuery =
  (client: Pick<Client, "execute">): Query =>
  async (sql) =>
    (await client.execute(sql)).rows.map((r) => Array.from(r as ArrayLike<unknown>));

const fileQuery =
  (db: Database.Database): Query =>
  async (sql) =>
    db.prepare(sql).raw(true).all() as Row[];

async function migrationsOf(query: Query): Promise<string[]> {
  const tables = await tableNames(query);
  if (!tables.includes("migrations")) return [];
  return (await query("SELECT id FROM migrations ORDER BY id")).map((r) => String(r[0]));
}

/** Migration files this code knows. */
function knownMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));
}

/** Copies a remote database into a new local file, inside one read transaction (one snapshot). */
async function copyRemote(client: Client, file: string): Promise<void> {
  const tx = await client.transaction("read");
  const out = new Database(file);
  try {
    const schema = (
      await tx.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
      )
    ).rows.map((r) => ({ type: String(r.type), name: String(r.name), sql: String(r.sql) }));
    for (const s of schema.filter((x) => x.type === "table")) out.exec(s.sql);
    const PAGE = 5000;
    for (const { name } of schema.filter((x) => x.type === "table")) {
      for (let offset = 0; ; offset += PAGE) {
        const rs = await tx.execute(`SELECT * FROM ${quote(name)} LIMIT ${PAGE} OFFSET ${offset}`);
        if (!rs.rows.length) break;
        const insert = out.prepare(
          `INSERT INTO ${quote(name)} (${rs.columns.map(quote).join(", ")}) VALUES (${rs.columns.map(() => "?").join(", ")})`,
        );
        out.transaction(() => {
          for (const row of rs.rows) insert.run(...Array.from(row as ArrayLike<unknown>).map(toBindable));
        })();
        if (rs.rows.length < PAGE) break;
      }
    }
    // Indexes, views and triggers after the rows, so no trigger fires on the copy.
    for (const s of schema.filter((x) => x.type !== "table")) out.exec(s.sql);
  } finally {
    tx.close();
    out.close();
  }
}

function toBindable(v: unknown): unknown {
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  return v;
}

/** Writes a consistent backup of the database behind `client` to `file` (which must not exist) and its manifest. */
export async function backupDatabase(client: Client, databaseUrl: string, file: string): Promise<BackupManifest> {
  if (existsSync(file)) throw new BackupError(`${file} exists already: choose a new name`);
  if (databaseUrl.startsWith("file:")) {
    await client.execute({ sql: "VACUUM INTO ?", args: [file] });
  } else {
    await copyRemote(client, file);
  }
  const db = new Database(file, { readonly: true });
  try {
    const manifest: BackupManifest = {
      format: 1,
      createdAtMs: Date.now(),
      source: databaseUrl.replace(/\?.*$/, "").replace(/\/\/[^@/]*@/, "//"),
      migrations: await migrationsOf(fileQuery(db)),
      tables: await digests(fileQuery(db)),
    };
    writeFileSync(manifestPath(file), JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    db.close();
  }
}

/**
 * Checks a backup file before anything is replaced: SQLite's integrity check, every table's count and checksum
 * against the manifest, and that this code knows every migration the backup has. Returns the manifest.
 */
export async function verifyBackup(file: string, migrationsDir = MIGRATIONS_DIR): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`There is no backup at ${file}`);
  if (!existsSync(manifestPath(file)))
    throw new BackupError(`${manifestPath(file)} is missing: not a backup made here`);
  const manifest = JSON.parse(readFileSync(manifestPath(file), "utf8")) as BackupManifest;
  const db = new Database(file, { readonly: true });
  try {
    const [first] = db.prepare("PRAGMA integrity_check").raw(true).all() as Row[];
    const integrity = String(first?.[0] ?? "");
    if (integrity !== "ok") throw new BackupError(`The backup file is damaged (integrity check: ${integrity})`);
    const actual = await digests(fileQuery(db));
    for (const [table, expected] of Object.entries(manifest.tables)) {
      const got = actual[table];
      if (!got) throw new BackupError(`The backup has no table ${table}, which its manifest lists`);
      if (got.rows !== expected.rows || got.sha256 !== expected.sha256) {
        throw new BackupError(
          `Table ${table} does not match the manifest (${got.rows} rows, manifest ${expected.rows}; checksum ${got.sha256 === expected.sha256 ? "equal" : "differs"})`,
        );
      }
    }
    const unknown = (await migrationsOf(fileQuery(db))).filter((m) => !knownMigrations(migrationsDir).includes(m));
    if (unknown.length) {
      throw new BackupError(
        `The backup comes from a newer schema (${unknown.join(", ")} unknown to this code): upgrade the code first`,
      );
    }
    return manifest;
  } finally {
    db.close();
  }
}

/**
 * Restores a verified backup. A local target file is replaced whole (stop the app first); a remote database gets
 * every table's rows replaced in one write transaction. Afterwards the target's tables are checked against the
 * manifest again. Returns the manifest.
 */
export async function restoreDatabase(
  target: { url: string; client?: Client },
  file: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<BackupManifest> {
  const manifest = await verifyBackup(file, migrationsDir);
  if (target.url.startsWith("file:")) {
    const path = target.url.slice("file:".length);
    copyFileSync(file, `${path}.restoring`);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    renameSync(`${path}.restoring`, path);
    const db = new Database(path, { readonly: true });
    try {
      await checkAgainst(fileQuery(db), manifest);
    } finally {
      db.close();
    }
    return manifest;
  }
  if (!target.client) throw new BackupError("A remote restore needs a database client");
  await replaceRemote(target.client, file, manifest);
  await checkAgainst(clientQuery(target.client), manifest);
  return manifest;
}

async function replaceRemote(client: Client, file: string, manifest: BackupManifest): Promise<void> {
  const source = new Database(file, { readonly: true });
  try {
    const tables = Object.keys(manifest.tables);
    const tx = await client.transaction("write");
    try {
      await tx.execute("PRAGMA defer_foreign_keys = ON");
      const existing = await tableNames(clientQuery(tx));
      const missing = tables.filter((t) => !existing.includes(t));
      if (missing.length) throw new BackupError(`The target has no table ${missing.join(", ")}: migrate it first`);
      const copy = async (table: string) => {
        await tx.execute(`DELETE FROM ${quote(table)}`);
        const rows = source
          .prepare(`SELECT * FROM ${quote(table)}`)
          .raw(true)
          .all() as Row[];
        const cols = (source.prepare(`SELECT * FROM ${quote(table)} LIMIT 0`).columns() as Array<{ name: string }>).map(
          (c) => c.name,
        );
        const sql = `INSERT INTO ${quote(table)} (${cols.map(quote).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`;
        for (let i = 0; i < rows.length; i += 500) {
          await tx.batch(rows.slice(i, i + 500).map((args) => ({ sql, args: args as InValue[] })));
        }
      };
      for (const table of tables) await copy(table);
      // Triggers of one table may have written another's rows (a version counter): copy those once more.
      const now = await digests(clientQuery(tx));
      for (const table of tables) {
        if (now[table]?.sha256 !== manifest.tables[table].sha256) await copy(table);
      }
      await tx.commit();
    } finally {
      tx.close();
    }
  } finally {
    source.close();
  }
}

async function checkAgainst(query: Query, manifest: BackupManifest): Promise<void> {
  const now = await digests(query);
  for (const [table, expected] of Object.entries(manifest.tables)) {
    if (now[table]?.sha256 !== expected.sha256) {
      throw new BackupError(`After the restore, table ${table} does not match the backup`);
    }
  }
}

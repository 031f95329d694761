/**
 * A Hrana-over-HTTP server in front of a local libSQL file, so the suites can run `@libsql/client` in remote mode
 * (`http://…` URLs, as Turso's `libsql://` ones) without a Turso server: the remote path (pipelines, batons, batches
 * with conditions, stored SQL, interactive transactions, multi-statement sequences) is exercised for real.
 *
 * Protocol: the JSON pipeline of Hrana 2 and 3 (`POST /v2/pipeline`, `POST /v3/pipeline`; `GET /v2`, `GET /v3` answer
 * 200, `GET /v3-protobuf` 404, so clients settle on JSON). Each stream (baton) is its own connection to the file, as
 * each Turso stream is its own connection; a stream idle for `streamIdleMs` is closed, as Turso does.
 * Not covered: cursors (`/v3/cursor`), protobuf, auth (any token is accepted).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";

type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: Array<{ name: string; value: HranaValue }>;
  want_rows?: boolean;
}

type HranaCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: HranaCond }
  | { type: "and"; conds: HranaCond[] }
  | { type: "or"; conds: HranaCond[] }
  | { type: "is_autocommit" };

type HranaRequest =
  | { type: "close" }
  | { type: "execute"; stmt: HranaStmt }
  | { type: "batch"; batch: { steps: Array<{ condition?: HranaCond | null; stmt: HranaStmt }> } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };

interface Connection {
  db: Database.Database;
  statements: Map<string, Database.Statement>;
}

interface Stream {
  conn: Connection;
  sqls: Map<number, string>;
  lastUsed: number;
}

export interface HranaBridge {
  /** `http://127.0.0.1:<port>`: the DATABASE_URL for `@libsql/client` in remote mode. */
  url: string;
  /** Pipeline requests served, and the streams open now (for tests of the bridge itself). */
  stats: { requests: number; openStreams: () => number };
  close: () => Promise<void>;
}

class HranaError extends Error {
  constructor(
    message: string,
    public readonly code: string,
  ) {
    super(message);
  }
}

/** Starts the bridge on a free port of 127.0.0.1 for the libSQL file at `path`. */
export async function startHranaBridge(path: string, opts: { streamIdleMs?: number } = {}): Promise<HranaBridge> {
  const streams = new Map<string, Stream>();
  const stats = { requests: 0, openStreams: () => streams.size };
  const idleMs = opts.streamIdleMs ?? 10_000;

  // Connections are pooled between streams (opening one per stream would dominate); a connection comes back
  // clean: its transaction rolled back and its temp tables dropped, so a stream never sees another's state.
  const pool: Connection[] = [];
  const openConnection = (): Connection => {
    const pooled = pool.pop();
    if (pooled) return pooled;
    const db = new Database(path);
    db.exec("PRAGMA busy_timeout = 10000");
    return { db, statements: new Map() };
  };
  const release = (conn: Connection) => {
    try {
      if (conn.db.inTransaction) conn.db.exec("ROLLBACK");
      const temps = conn.db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").raw(true).all();
      for (const [name] of temps as string[][]) conn.db.exec(`DROP TABLE temp."${name.replace(/"/g, '""')}"`);
      if (temps.length) conn.statements.clear();
      pool.push(conn);
    } catch {
      conn.db.close();
    }
  };
  const closeStream = (baton: string) => {
    const stream = streams.get(baton);
    streams.delete(baton);
    if (stream) release(stream.conn);
  };
  const sweep = setInterval(() => {
    for (const [baton, s] of streams) if (Date.now() - s.lastUsed > idleMs) closeStream(baton);
  }, 1000);
  sweep.unref();

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err) => send(res, 500, { message: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET") {
      if (path === "/v2" || path === "/v3" || path === "/health") return send(res, 200, {});
      return send(res, 404, { message: "not found" });
    }
    if (req.method !== "POST" || (path !== "/v2/pipeline" && path !== "/v3/pipeline")) {
      return send(res, 404, { message: "not found" });
    }
    const body = JSON.parse(await readBody(req)) as { baton?: string | null; requests: HranaRequest[] };
    stats.requests++;
    let baton = body.baton ?? null;
    let stream: Stream | undefined;
    if (baton !== null) {
      stream = streams.get(baton);
      if (!stream) return send(res, 400, { message: "Stream expired or unknown baton", code: "STREAM_EXPIRED" });
    } else {
      baton = randomBytes(12).toString("base64url");
      stream = { conn: openConnection(), sqls: new Map(), lastUsed: Date.now() };
      streams.set(baton, stream);
    }
    stream.lastUsed = Date.now();
    const results: unknown[] = [];
    let closed = false;
    for (const request of body.requests) {
      if (closed) {
        results.push({ type: "error", error: { message: "Stream is closed", code: "STREAM_CLOSED" } });
        continue;
      }
      if (request.type === "close") {
        closeStream(baton);
        closed = true;
        results.push({ type: "ok", response: { type: "close" } });
        continue;
      }
      try {
        results.push({ type: "ok", response: runRequest(stream, request) });
      } catch (err) {
        results.push({ type: "error", error: toError(err) });
      }
    }
    send(res, 200, { baton: closed ? null : baton, base_url: null, results });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      clearInterval(sweep);
      for (const baton of [...streams.keys()]) closeStream(baton);
      for (const conn of pool.splice(0)) conn.db.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function runRequest(stream: Stream, request: HranaRequest): unknown {
  const { conn, sqls } = stream;
  const { db } = conn;
  const sqlOf = (r: { sql?: string; sql_id?: number }) => {
    const sql = r.sql ?? (r.sql_id !== undefined ? sqls.get(r.sql_id) : undefined);
    if (sql === undefined) throw new HranaError(`SQL text ${r.sql_id} is not stored`, "SQL_NOT_FOUND");
    return sql;
  };
  switch (request.type) {
    case "execute":
      return { type: "execute", result: execute(conn, sqlOf(request.stmt), request.stmt) };
    case "batch": {
      const stepResults: unknown[] = [];
      const stepErrors: unknown[] = [];
      const ok: boolean[] = [];
      const holds = (c: HranaCond): boolean => {
        switch (c.type) {
          case "ok":
            return ok[c.step] === true;
          case "error":
            return stepErrors[c.step] !== null && stepErrors[c.step] !== undefined;
          case "not":
            return !holds(c.cond);
          case "and":
            return c.conds.every(holds);
          case "or":
            return c.conds.some(holds);
          case "is_autocommit":
            return !db.inTransaction;
        }
      };
      request.batch.steps.forEach((step, i) => {
        if (step.condition && !holds(step.condition)) {
          stepResults.push(null);
          stepErrors.push(null);
          ok[i] = false;
          return;
        }
        try {
          stepResults.push(execute(conn, sqlOf(step.stmt), step.stmt));
          stepErrors.push(null);
          ok[i] = true;
        } catch (err) {
          stepResults.push(null);
          stepErrors.push(toError(err));
          ok[i] = false;
        }
      });
      return { type: "batch", result: { step_results: stepResults, step_errors: stepErrors } };
    }
    case "sequence":
      conn.statements.clear(); // a sequence may change the schema
      db.exec(sqlOf(request));
      return { type: "sequence" };
    case "describe": {
      const stmt = db.prepare(sqlOf(request));
      const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
      return {
        type: "describe",
        result: { params: [], cols, is_explain: false, is_readonly: stmt.reader },
      };
    }
    case "store_sql":
      sqls.set(request.sql_id, request.sql);
      return { type: "store_sql" };
    case "close_sql":
      sqls.delete(request.sql_id);
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !db.inTransaction };
    default:
      throw new HranaError(`Unknown request ${(request as { type: string }).type}`, "UNKNOWN_REQUEST");
  }
}

const MAX_STATEMENTS = 256;

function prepare(conn: Connection, sql: string): Database.Statement {
  let prepared = conn.statements.get(sql);
  if (!prepared) {
    prepared = conn.db.prepare(sql);
    prepared.safeIntegers(true);
    if (conn.statements.size >= MAX_STATEMENTS) conn.statements.clear();
    // Schema changes invalidate prepared statements: only plain reads and writes are kept.
    if (!/^\s*(CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(sql))
      conn.statements.set(sql, prepared);
  }
  return prepared;
}

function execute(conn: Connection, sql: string, stmt: HranaStmt): unknown {
  const started = performance.now();
  const prepared = prepare(conn, sql);
  const args = bindArgs(stmt);
  if (prepared.reader) {
    const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    const rows = (prepared.raw(true).all(...args) as unknown[][]).map((row) => row.map(toHrana));
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows,
      affected_row_count: 0,
      last_insert_rowid: null,
      rows_read: rows.length,
      rows_written: 0,
      query_duration_ms: performance.now() - started,
    };
  }
  const info = prepared.run(...args);
  return {
    cols: [],
    rows: [],
    affected_row_count: Number(info.changes),
    last_insert_rowid: info.lastInsertRowid === undefined ? null : String(info.lastInsertRowid),
    rows_read: 0,
    rows_written: Number(info.changes),
    query_duration_ms: performance.now() - started,
  };
}

function bindArgs(stmt: HranaStmt): unknown[] {
  const positional = (stmt.args ?? []).map(fromHrana);
  if (!stmt.named_args?.length) return positional;
  const named: Record<string, unknown> = {};
  for (const { name, value } of stmt.named_args) named[name.replace(/^[:@$]/, "")] = fromHrana(value);
  return positional.length ? [...positional, named] : [named];
}

function fromHrana(v: HranaValue): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
}

function toHrana(v: unknown): HranaValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  return { type: "text", value: String(v) };
}

function toError(err: unknown): { message: string; code: string } {
  if (err instanceof HranaError) return { message: err.message, code: err.code };
  const e = err as { message?: string; code?: string };
  return { message: e.message ?? String(err), code: e.code ?? "SQLITE_ERROR" };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

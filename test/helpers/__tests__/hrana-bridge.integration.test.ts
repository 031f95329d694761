import { createClient, type Client } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHranaBridge, type HranaBridge } from "../hrana-bridge";

let dir: string;
let bridge: HranaBridge;
let client: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hrana-"));
  bridge = await startHranaBridge(join(dir, "db.sqlite"));
  client = createClient({ url: bridge.url, authToken: "any" });
});
afterAll(async () => {
  client.close();
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Hrana bridge, through @libsql/client in remote mode", () => {
  it("runs a multi-statement sequence and statements with positional and named arguments", async () => {
    await client.executeMultiple(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, v REAL, s TEXT, b BLOB); CREATE INDEX ti ON t(v);",
    );
    const ins = await client.execute({
      sql: "INSERT INTO t (v, s, b) VALUES (?, ?, ?)",
      args: [1.5, "a", new Uint8Array([1, 2])],
    });
    expect(ins.rowsAffected).toBe(1);
    expect(Number(ins.lastInsertRowid)).toBe(1);
    await client.execute({ sql: "INSERT INTO t (v, s) VALUES (:v, :s)", args: { v: 2, s: null } });
    const rs = await client.execute("SELECT id, v, s, b FROM t ORDER BY id");
    expect(rs.columns).toEqual(["id", "v", "s", "b"]);
    expect(rs.rows.map((r) => [r.id, r.v, r.s])).toEqual([
      [1, 1.5, "a"],
      [2, 2, null],
    ]);
    expect(Array.from(new Uint8Array(rs.rows[0].b as ArrayBuffer))).toEqual([1, 2]);
  });

  it("runs a batch atomically: a failing statement rolls back the whole batch", async () => {
    await expect(
      client.batch(["INSERT INTO t (id, v) VALUES (10, 1)", "INSERT INTO t (id, v) VALUES (10, 2)"], "write"),
    ).rejects.toThrow(/UNIQUE/);
    expect((await client.execute("SELECT COUNT(*) AS n FROM t WHERE id = 10")).rows[0].n).toBe(0);
    const ok = await client.batch(["INSERT INTO t (id, v) VALUES (10, 1)", "SELECT v FROM t WHERE id = 10"], "write");
    expect(ok[1].rows[0].v).toBe(1);
  });

  it("keeps temp tables within one batch (one stream), as the close batch needs", async () => {
    const res = await client.batch(
      ["CREATE TEMP TABLE k (x)", "INSERT INTO k VALUES (1), (2)", "SELECT SUM(x) AS s FROM k", "DROP TABLE k"],
      "write",
    );
    expect(res[2].rows[0].s).toBe(3);
  });

  it("holds an interactive transaction across requests with batons, and rolls back", async () => {
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t (id, v) VALUES (20, 1)");
    expect((await tx.execute("SELECT COUNT(*) AS n FROM t WHERE id = 20")).rows[0].n).toBe(1);
    await tx.rollback();
    expect((await client.execute("SELECT COUNT(*) AS n FROM t WHERE id = 20")).rows[0].n).toBe(0);
    const tx2 = await client.transaction("write");
    await tx2.execute("INSERT INTO t (id, v) VALUES (21, 1)");
    await tx2.commit();
    expect((await client.execute("SELECT COUNT(*) AS n FROM t WHERE id = 21")).rows[0].n).toBe(1);
  });

  it("gives each stream a clean connection: no temp table or open transaction carries over", async () => {
    await client.batch(["CREATE TEMP TABLE leftover (x)", "INSERT INTO leftover VALUES (1)"], "write");
    await expect(client.execute("SELECT * FROM leftover")).rejects.toThrow(/no such table/);
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t (id, v) VALUES (30, 1)");
    tx.close(); // abandoned without commit
    await new Promise((r) => setTimeout(r, 50));
    expect((await client.execute("SELECT COUNT(*) AS n FROM t WHERE id = 30")).rows[0].n).toBe(0);
  });

  it("answers SQL errors with their message, and closes its streams", async () => {
    await expect(client.execute("SELECT * FROM missing_table")).rejects.toThrow(/no such table/);
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge.stats.openStreams()).toBe(0);
    expect(bridge.stats.requests).toBeGreaterThan(5);
  });
});

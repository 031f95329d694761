import { join } from "node:path";
import {
  areaLoops,
  databaseBoundaryViolations,
  importCycles,
  mayOpenDatabase,
  parseImports,
  readSources,
  sourceFiles,
} from "../imports";

const ROOT = join(__dirname, "..", "..", "..");

const appSources = () =>
  readSources(ROOT, [
    ...sourceFiles(ROOT, "lib"),
    ...sourceFiles(ROOT, "app"),
    ...sourceFiles(ROOT, "components"),
    "middleware.ts",
  ]);

describe("database access has one home", () => {
  it("only lib/db and lib store modules (store.ts, store-*.ts, sql-*.ts) import the database client", () => {
    expect(databaseBoundaryViolations(appSources())).toEqual([]);
  });

  it.each([
    ["lib/db/queries/users.ts", true],
    ["lib/admin/store.ts", true],
    ["lib/aggregation/store-five-minute.ts", true],
    ["lib/aggregation/sql-five-minute.ts", true],
    ["lib/admin/sessions.ts", false],
    ["lib/admin/restore.ts", false],
    ["app/api/admin/route.ts", false],
    ["components/store.ts", false],
  ])("%s may open the database: %s", (file, allowed) => {
    expect(mayOpenDatabase(file)).toBe(allowed);
  });

  it.each([
    ['import { getDb } from "@/lib/db/client";', 1],
    ['import { and, eq } from "drizzle-orm";', 1],
    ['import { sql } from "drizzle-orm/sql";', 1],
    ['import { createClient } from "@libsql/client";', 1],
    ['import Database from "libsql";', 1],
    ['export { getDb } from "@/lib/db/client";', 1],
    ['const { getDb } = await import("@/lib/db/client");', 1],
    ['import {\n  getDb,\n  queryRows,\n} from "@/lib/db/client";', 1],
    ['import { type InValue, createClient } from "@libsql/client";', 1],
    ['import type { Db } from "@/lib/db/client";', 0],
    ['import { type InStatement, type InValue } from "@libsql/client";', 0],
    ['import type { SQL } from "drizzle-orm";', 0],
    ['// import { getDb } from "@/lib/db/client";', 0],
    ['import { listUsers } from "@/lib/admin/store";', 0],
  ])("finds a planted violation in %j (%i)", (line, count) => {
    const sources = new Map([["lib/admin/planted.ts", `import "server-only";\n${line}\nexport const x = 1;\n`]]);
    expect(databaseBoundaryViolations(sources)).toHaveLength(count);
  });
});

describe("lib has no import cycles", () => {
  it("finds none among lib modules (type imports excluded)", () => {
    expect(importCycles(readSources(ROOT, sourceFiles(ROOT, "lib")))).toEqual([]);
  });

  it("finds a planted cycle through @/ and relative imports, and ignores type-only loops", () => {
    const planted = new Map([
      ["lib/a/one.ts", 'import { two } from "@/lib/b/two";\nexport const one = 1;'],
      ["lib/b/two.ts", 'import { three } from "./three";\nexport const two = 2;'],
      ["lib/b/three.ts", 'import { one } from "../a/one";\nexport const three = 3;'],
      ["lib/c/four.ts", 'import type { Five } from "@/lib/c/five";\nexport type Four = 4;'],
      ["lib/c/five.ts", 'import type { Four } from "./four";\nexport type Five = 5;'],
      ["lib/d/index.ts", 'export { six } from "./six";'],
      ["lib/d/six.ts", 'import { seven } from "@/lib/d";\nexport const six = 6;'],
    ]);
    expect(importCycles(planted)).toEqual([
      ["lib/a/one.ts", "lib/b/two.ts", "lib/b/three.ts", "lib/a/one.ts"],
      ["lib/d/index.ts", "lib/d/six.ts", "lib/d/index.ts"],
    ]);
  });

  // Areas that import each other round a loop cannot be layered; the lower layers must stay out of every loop
  // (aggregation used to import ingest's coalesce while ingest imports aggregation).
  it.each(["aggregation", "api", "crypto", "db", "env", "points", "time", "vendors"])(
    "lib/%s is in no loop of areas",
    (area) => {
      expect(areaLoops(readSources(ROOT, sourceFiles(ROOT, "lib"))).flat()).not.toContain(area);
    },
  );

  it("finds a planted loop of areas", () => {
    const planted = new Map([
      ["lib/aggregation/close.ts", 'import { coalesce } from "@/lib/ingest/coalesce";'],
      ["lib/ingest/coalesce.ts", "export const coalesce = 1;"],
      ["lib/ingest/ingest.ts", 'import { close } from "@/lib/aggregation/close";'],
      ["lib/db/client.ts", "export const getDb = 1;"],
    ]);
    expect(areaLoops(planted)).toEqual([["aggregation", "ingest"]]);
  });

  it("reads type-only imports as such", () => {
    expect(parseImports('import type { A } from "./a";\nimport { b, type C } from "./b";')).toEqual([
      { specifier: "./a", typeOnly: true },
      { specifier: "./b", typeOnly: false },
    ]);
  });
});

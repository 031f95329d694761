import type { Client, InStatement } from "@libsql/client";

/**
 * Wraps a libSQL client so each execute/batch records the synchronous time it spends (a local libSQL file runs
 * the statement on the calling thread before the promise is returned), grouped by the statement's first words.
 */
export function recordSqlSpans(client: Client): { stop(): string[] } {
  const spans = new Map<string, { n: number; ms: number }>();
  const add = (key: string, ms: number) => {
    const s = spans.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    spans.set(key, s);
  };
  const keyOf = (stmt: InStatement) => {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    return sql
      .replace(/\s+/g, " ")
      .replace(/\(\?[?,]*\)(,\(\?[?,]*\))*/g, "(…)")
      .slice(0, 70);
  };
  const execute = client.execute.bind(client) as (s: InStatement) => Promise<unknown>;
  const batch = client.batch.bind(client) as (s: InStatement[], m?: string) => Promise<unknown>;
  const c = client as unknown as Record<string, unknown>;
  c.execute = (stmt: InStatement) => {
    const t = performance.now();
    const p = execute(stmt);
    add(keyOf(stmt), performance.now() - t);
    return p;
  };
  c.batch = (stmts: InStatement[], mode?: string) => {
    const t = performance.now();
    const p = batch(stmts, mode);
    add(`batch[${stmts.length}] ${keyOf(stmts[1] ?? stmts[0])}`, performance.now() - t);
    return p;
  };
  return {
    stop() {
      c.execute = execute;
      c.batch = batch;
      const total = [...spans.values()].reduce((a, s) => a + s.ms, 0);
      return [
        `SQL on the event loop: ${Math.round(total)} ms in all; ` +
          [...spans]
            .sort((a, b) => b[1].ms - a[1].ms)
            .slice(0, 10)
            .map(([k, s]) => `\`${k}\` ×${s.n} ${Math.round(s.ms)} ms`)
            .join("; "),
      ];
    },
  };
}

/**
 * Merges the calls made within one event-loop turn into a single run over all their items (DataLoader-style):
 * many polls finishing together share one multi-row statement instead of one statement each. `run` returns one
 * output per item, in order. If a merged run throws, each call is retried alone, so one system's bad data fails
 * only that system (merged writes must run in one transaction, so a failed merge leaves nothing behind).
 */
export function coalesce<I, O>(run: (items: I[]) => Promise<O[]>): (items: I[]) => Promise<O[]> {
  type Call = { items: I[]; resolve: (out: O[]) => void; reject: (err: unknown) => void };
  let queue: Call[] = [];
  const runAlone = async (c: Call) => {
    try {
      c.resolve(await run(c.items));
    } catch (err) {
      c.reject(err);
    }
  };
  const flush = async () => {
    const calls = queue;
    queue = [];
    if (calls.length === 1) return runAlone(calls[0]);
    let out: O[];
    try {
      out = await run(calls.flatMap((c) => c.items));
    } catch {
      for (const c of calls) await runAlone(c);
      return;
    }
    let i = 0;
    for (const c of calls) {
      c.resolve(out.slice(i, i + c.items.length));
      i += c.items.length;
    }
  };
  return (items) => {
    if (!items.length) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      // setImmediate runs after the I/O callbacks of this turn: every poll whose response arrived joins in.
      if (queue.length === 1) setImmediate(() => void flush());
    });
  };
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

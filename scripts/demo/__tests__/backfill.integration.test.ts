import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { backfill } from "../backfill";

const MIN = 60_000;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

const setLastPoll = (id: number, ms: number | null) =>
  t.db.$client.execute({
    sql:
      "INSERT INTO polling_status (system_id, last_poll_time, updated_at) VALUES (?, ?, 0) " +
      "ON CONFLICT (system_id) DO UPDATE SET last_poll_time = excluded.last_poll_time",
    args: [id, ms],
  });

/** Runs a backfill with recording callbacks; returns the minutes polled and pushed. */
async function run(systemIds: number[], pushSystemId?: number) {
  const polledAt: number[] = [];
  const pushedAt: number[] = [];
  await backfill({
    db: t.db,
    systemIds,
    days: 1,
    fineWindowMs: 24 * 60 * MIN,
    setClock: () => undefined,
    pollDueAt: async (now) => {
      polledAt.push(now.getTime());
      return { polled: 1 };
    },
    pushAt: async (now) => {
      pushedAt.push(now.getTime());
      return 1;
    },
    pushSystemId,
    quiet: true,
  });
  return { polledAt, pushedAt };
}

describe("demo back-fill on a re-run", () => {
  it("starts after the last poll of the system furthest behind, and pushes only minutes the push system lacks", async () => {
    const nowMin = Math.floor(Date.now() / MIN) * MIN;
    const current = await insertTestSystem(t.db, { siteId: "current" });
    const lagging = await insertTestSystem(t.db, { siteId: "lagging" });
    const pusher = await insertTestSystem(t.db, { siteId: "pusher" });
    const removed = await insertTestSystem(t.db, { siteId: "removed", status: "removed" });
    await setLastPoll(current, nowMin - 2 * MIN);
    await setLastPoll(lagging, nowMin - 30 * MIN);
    await setLastPoll(pusher, nowMin - 5 * MIN);
    await setLastPoll(removed, nowMin - 20 * 60 * MIN); // not waited for

    const { polledAt, pushedAt } = await run([current, lagging, pusher, removed], pusher);
    expect(polledAt[0]).toBe(nowMin - 29 * MIN);
    // Up to now (a minute later if the clock turned a minute during the test).
    expect([nowMin, nowMin + MIN]).toContain(polledAt.at(-1));
    expect(pushedAt[0]).toBe(nowMin - 4 * MIN);
    expect(pushedAt.at(-1)).toBe(polledAt.at(-1));
  });

  it("replays the whole window for a system never polled", async () => {
    const fresh = await insertTestSystem(t.db, { siteId: "fresh" });
    const { polledAt } = await run([fresh]);
    expect(polledAt).toHaveLength(24 * 60 + 1);
  });
});

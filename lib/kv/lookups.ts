import "server-only";
import { kvKey, withKv } from "./client";
import { subscriptionsKey, usernameKey } from "./keys";

/** Replaces the set of subscribers (e.g. composite system ids) of a source system's points. */
export async function setSubscriptions(systemId: number, subscribers: string[]): Promise<boolean> {
  const key = kvKey(subscriptionsKey(systemId));
  const outcome = await withKv(async (redis) => {
    const tx = redis.multi();
    tx.del(key);
    if (subscribers.length) tx.sadd(key, subscribers[0], ...subscribers.slice(1));
    return tx.exec();
  });
  return outcome.ok;
}

/** The subscribers of a system, or null when the cache is unavailable (callers then ask the database). */
export async function getSubscriptions(systemId: number): Promise<string[] | null> {
  const outcome = await withKv((redis) => redis.smembers<string[]>(kvKey(subscriptionsKey(systemId))));
  return outcome.ok ? outcome.value.map(String) : null;
}

/** Caches username → user id (case-insensitive). */
export async function setUsername(username: string, userId: string): Promise<boolean> {
  return (await withKv((redis) => redis.set(kvKey(usernameKey(username)), userId))).ok;
}

/** The cached user id of a username, null when unknown, undefined when the cache is unavailable. */
export async function getUserIdByUsername(username: string): Promise<string | null | undefined> {
  const outcome = await withKv((redis) => redis.get<string>(kvKey(usernameKey(username))));
  return outcome.ok ? (outcome.value ?? null) : undefined;
}

/** Drops a username mapping (rename or deletion). */
export async function deleteUsername(username: string): Promise<boolean> {
  return (await withKv((redis) => redis.del(kvKey(usernameKey(username))))).ok;
}

import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { shareLinks, type ShareLinkRow } from "@/lib/db/schema";
import type { ShareLinkView } from "./scopes";

export function toShareLinkView(row: ShareLinkRow): ShareLinkView {
  const { id, label, prefix, expiresAt, lastUsedAt, revokedAt, createdAt } = row;
  return { id, label, prefix, expiresAt, lastUsedAt, revokedAt, createdAt };
}

export async function insertShareLink(values: Omit<ShareLinkRow, "id" | "lastUsedAt" | "revokedAt">) {
  const [row] = await getDb().insert(shareLinks).values(values).returning();
  return row;
}

/** A system's share links, newest first. */
export async function selectSystemShareLinks(systemId: number): Promise<ShareLinkRow[]> {
  return getDb().select().from(shareLinks).where(eq(shareLinks.systemId, systemId)).orderBy(desc(shareLinks.createdAt));
}

export async function findShareLinkByHash(tokenHash: string): Promise<ShareLinkRow | undefined> {
  const [row] = await getDb().select().from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash)).limit(1);
  return row;
}

/** Revokes one of a system's links; false when the system has no such unrevoked link. */
export async function revokeSystemShareLink(systemId: number, id: number, nowMs: number): Promise<boolean> {
  const done = await getDb()
    .update(shareLinks)
    .set({ revokedAt: nowMs })
    .where(and(eq(shareLinks.id, id), eq(shareLinks.systemId, systemId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  return done.length > 0;
}

/** Records a use at most once every `minGapMs`. */
export async function touchShareLink(id: number, nowMs: number, minGapMs = 60_000): Promise<void> {
  await getDb()
    .update(shareLinks)
    .set({ lastUsedAt: nowMs })
    .where(and(eq(shareLinks.id, id), or(isNull(shareLinks.lastUsedAt), lt(shareLinks.lastUsedAt, nowMs - minGapMs))));
}

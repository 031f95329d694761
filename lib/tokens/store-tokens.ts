import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiTokens, type ApiTokenRow } from "@/lib/db/schema";
import type { ApiTokenView, TokenScope } from "./scopes";

/** A token row as its owner sees it. */
export function toTokenView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    systemIds: row.systemIds === null ? null : (JSON.parse(row.systemIds) as number[]),
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}

export async function insertToken(values: {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: TokenScope[];
  systemIds: number[] | null;
  expiresAt: number;
  createdAt: number;
}): Promise<ApiTokenRow> {
  const [row] = await getDb()
    .insert(apiTokens)
    .values({
      ...values,
      scopes: JSON.stringify(values.scopes),
      systemIds: values.systemIds === null ? null : JSON.stringify(values.systemIds),
    })
    .returning();
  return row;
}

/** A user's tokens, newest first. */
export async function selectUserTokens(userId: string): Promise<ApiTokenRow[]> {
  return getDb().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function findTokenByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
  const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/** Revokes one of a user's tokens; false when the user has no such unrevoked token. */
export async function revokeUserToken(userId: string, id: number, nowMs: number): Promise<boolean> {
  const done = await getDb()
    .update(apiTokens)
    .set({ revokedAt: nowMs })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return done.length > 0;
}

/** Records a use unless one was recorded in the last `minGapMs` (one write a minute, not one per request). */
export async function touchToken(id: number, nowMs: number, minGapMs = 60_000): Promise<void> {
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: nowMs })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, nowMs - minGapMs))));
}

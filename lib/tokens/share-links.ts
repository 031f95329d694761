import "server-only";
import { notFound } from "@/lib/api/errors";
import type { SystemAccess } from "@/lib/auth";
import { getSystemRow } from "@/lib/db/queries/systems";
import type { System } from "@/lib/db/schema";
import { resolveSecret } from "./resolve";
import { SHARE_PREFIX, type CreateShareLinkInput, type ShareLinkView } from "./scopes";
import { mintSecret } from "./secret";
import { insertShareLink, revokeSystemShareLink, selectSystemShareLinks, toShareLinkView } from "./store-share-links";

const DAY_MS = 24 * 3600_000;

/** A new read-only link to the system's dashboard; the secret (and so the path) is shown once. */
export async function createShareLink(
  access: SystemAccess,
  input: CreateShareLinkInput,
  nowMs = Date.now(),
): Promise<ShareLinkView & { token: string; path: string }> {
  const { secret, hash, shown } = mintSecret(SHARE_PREFIX);
  const row = await insertShareLink({
    systemId: access.system.id,
    tokenHash: hash,
    prefix: shown,
    label: input.label ?? "Share link",
    createdBy: access.caller.userId,
    expiresAt: nowMs + input.expiresInDays * DAY_MS,
    createdAt: nowMs,
  });
  return { ...toShareLinkView(row), token: secret, path: `/s/${secret}` };
}

export async function listShareLinks(systemId: number): Promise<ShareLinkView[]> {
  return (await selectSystemShareLinks(systemId)).map(toShareLinkView);
}

/** 404 when the system has no such live link. */
export async function revokeShareLink(systemId: number, id: number, nowMs = Date.now()): Promise<void> {
  if (!(await revokeSystemShareLink(systemId, id, nowMs))) throw notFound("Share link not found");
}

/** The system a live share link opens (null for an unknown, expired or revoked link, or a removed system). */
export async function sharedSystem(secret: string): Promise<System | null> {
  const found = await resolveSecret(secret);
  if (found?.kind !== "share") return null;
  const system = await getSystemRow(found.row.systemId);
  return system && system.status !== "removed" ? system : null;
}

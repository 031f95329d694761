import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { getSystemAccess, type UserCaller } from "@/lib/auth";
import type { ApiTokenView, CreateTokenInput } from "./scopes";
import { TOKEN_PREFIX } from "./scopes";
import { mintSecret } from "./secret";
import { insertToken, revokeUserToken, selectUserTokens, toTokenView } from "./store-tokens";

const DAY_MS = 24 * 3600_000;

/** A new token; its secret is in the answer once and never again (the database keeps its SHA-256). */
export async function createApiToken(
  user: UserCaller,
  input: CreateTokenInput,
  nowMs = Date.now(),
): Promise<ApiTokenView & { token: string }> {
  const systemIds = input.systemIds ? [...new Set(input.systemIds)] : null;
  // As the token will be checked: without platform-admin powers (lib/auth/bearer.ts).
  const asToken: UserCaller = { ...user, isPlatformAdmin: false };
  for (const id of systemIds ?? []) {
    // The same words for unknown and unreadable systems: creating a token must not probe for systems.
    if (!(await getSystemAccess(asToken, id)))
      throw new ApiError("BAD_REQUEST", `System ${id} is not one you can read`);
  }
  const { secret, hash, shown } = mintSecret(TOKEN_PREFIX);
  const row = await insertToken({
    userId: user.userId,
    name: input.name,
    tokenHash: hash,
    prefix: shown,
    scopes: [...new Set(input.scopes)],
    systemIds,
    expiresAt: nowMs + input.expiresInDays * DAY_MS,
    createdAt: nowMs,
  });
  return { ...toTokenView(row), token: secret };
}

/** The user's tokens, newest first (revoked and expired ones too, so the list explains what stopped working). */
export async function listApiTokens(userId: string): Promise<ApiTokenView[]> {
  return (await selectUserTokens(userId)).map(toTokenView);
}

/** Revokes one of the user's tokens: 404 when they have no such live token. */
export async function revokeApiToken(userId: string, id: number, nowMs = Date.now()): Promise<void> {
  if (!(await revokeUserToken(userId, id, nowMs))) throw notFound("Token not found");
}

import "server-only";
import { unauthorized } from "@/lib/api/errors";
import type { TokenScope } from "@/lib/tokens/scopes";
import { assertLetIn, resolveBearer } from "./bearer";
import { appBearerSecret } from "./bearer-header";
import { requireAuth } from "./require";
import type { UserCaller } from "./types";

/**
 * A signed-in user, or a token with `scope` acting for its user (systemIds: the token's limit, null for none).
 * Share links and tokens without the scope are refused.
 */
export async function requireUserOrToken(
  request: Request,
  scope: TokenScope,
): Promise<{ user: UserCaller; systemIds: number[] | null }> {
  if (!appBearerSecret(request)) return { user: await requireAuth(request), systemIds: null };
  const caller = await resolveBearer(request);
  assertLetIn(caller, { scope }, "read");
  if (caller.kind !== "token") throw unauthorized();
  return { user: caller.user, systemIds: caller.systemIds };
}

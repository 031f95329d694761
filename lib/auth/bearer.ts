import "server-only";
import { ApiError, forbidden, notFound, unauthorized } from "@/lib/api/errors";
import { addResponseHeaders } from "@/lib/api/response-headers";
import { getSystemRow } from "@/lib/db/queries/systems";
import { getUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { rateLimit } from "@/lib/rate-limit";
import { resolveSecret } from "@/lib/tokens/resolve";
import type { TokenScope } from "@/lib/tokens/scopes";
import { appBearerSecret } from "./bearer-header";
import type { AccessLevel, SystemAccess, UserCaller } from "./types";

/** What a route lets in besides sessions: an API token with `scope`, and (read routes of a dashboard) share links. */
export interface BearerOptions {
  scope?: TokenScope;
  shareLink?: boolean;
}

/** An API token (acting for its user, narrowed by scopes and systems) or a share link (one system, read only). */
export type BearerCaller =
  | { kind: "token"; id: number; user: UserCaller; scopes: TokenScope[]; systemIds: number[] | null }
  | { kind: "share"; id: number; systemId: number };

// One resolution (and one rate-limit count) per request, however many systems the handler authorises.
const resolved = new WeakMap<Request, Promise<BearerCaller>>();

/** The bearer caller of a request: 401 for an unknown, expired or revoked secret, 429 past its rate limit. */
export function resolveBearer(request: Request): Promise<BearerCaller> {
  let caller = resolved.get(request);
  if (!caller) {
    caller = resolve(request, appBearerSecret(request) ?? "");
    resolved.set(request, caller);
  }
  return caller;
}

async function resolve(request: Request, secret: string): Promise<BearerCaller> {
  const found = await resolveSecret(secret);
  if (!found) throw unauthorized("This token or link is not valid: it may have expired or been revoked");
  const env = getEnv();
  const limit = found.kind === "token" ? env.API_TOKEN_RATE_LIMIT_PER_MIN : env.SHARE_LINK_RATE_LIMIT_PER_MIN;
  const rl = await rateLimit({ key: `${found.kind}:${found.row.id}`, limit, windowMs: 60_000, fallback: "database" });
  const resetS = String(Math.max(1, Math.ceil(rl.retryAfterMs / 1000)));
  addResponseHeaders(request, {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(rl.remaining),
    "RateLimit-Reset": resetS,
  });
  if (!rl.ok) {
    addResponseHeaders(request, { "Retry-After": resetS });
    throw new ApiError("RATE_LIMITED", `Too many requests with this token: try again in ${resetS} s`);
  }
  if (found.kind === "share") return { kind: "share", id: found.row.id, systemId: found.row.systemId };
  const user = await getUserById(found.row.userId);
  // A disabled person's tokens stop with their sessions: answered like a revoked token.
  if (!user || user.disabledAt != null)
    throw unauthorized("This token or link is not valid: it may have expired or been revoked");
  return {
    kind: "token",
    id: found.row.id,
    // A token never carries platform-admin powers: it reads what its user owns or was shared, nothing more.
    user: { kind: "user", userId: user.id, isPlatformAdmin: false, via: "token" },
    scopes: JSON.parse(found.row.scopes) as TokenScope[],
    systemIds: found.row.systemIds === null ? null : (JSON.parse(found.row.systemIds) as number[]),
  };
}

/** 401 unless the route lets this kind of bearer in; 403 for a token without the route's scope. */
export function assertLetIn(caller: BearerCaller, options: BearerOptions, level: AccessLevel): void {
  if (caller.kind === "share") {
    if (!options.shareLink || level !== "read") throw unauthorized("A share link only opens its dashboard");
    return;
  }
  if (!options.scope) throw unauthorized("API tokens cannot be used here: sign in");
  if (!caller.scopes.includes(options.scope)) throw forbidden(`This token lacks the ${options.scope} scope`);
  if (level === "owner") throw forbidden("Only the system's owner, signed in, can do this");
}

type GetSystemAccess = (user: UserCaller, ref: string | number) => Promise<SystemAccess | null>;

/**
 * requireSystemAccess for a bearer request: the token's user's access (`getAccess`, passed in by require.ts so the
 * two modules do not import each other) within its systems, or the link's own system.
 */
export async function bearerSystemAccess(
  request: Request,
  ref: string | number,
  level: AccessLevel,
  options: BearerOptions,
  getAccess: GetSystemAccess,
): Promise<SystemAccess> {
  const caller = await resolveBearer(request);
  assertLetIn(caller, options, level);
  if (caller.kind === "share") {
    // Only the link's own system, by its numeric id: every other reference answers as if it did not exist.
    const system = String(ref) === String(caller.systemId) ? await getSystemRow(caller.systemId) : undefined;
    if (!system || system.status === "removed") throw notFound("System not found");
    const shareCaller: UserCaller = {
      kind: "user",
      userId: `share:${caller.id}`,
      isPlatformAdmin: false,
      via: "share",
    };
    return { system, caller: shareCaller, role: "viewer", canRead: true, canWrite: false, isOwner: false };
  }
  const access = await getAccess(caller.user, ref);
  if (!access || (caller.systemIds && !caller.systemIds.includes(access.system.id))) throw notFound("System not found");
  if (level === "write" && !access.canWrite) throw forbidden("Viewers cannot change this system");
  return { ...access, isOwner: false };
}

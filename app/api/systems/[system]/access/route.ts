import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { isLocalAuthMode } from "@/lib/auth/local-sign-in";
import {
  changeRole,
  createInvitation,
  grantDirectly,
  listSystemAccess,
  revokeAccess,
  revokeInvitation,
} from "@/lib/sharing";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

const role = z.enum(["viewer", "admin"], { errorMap: () => ({ message: "role must be viewer or admin" }) });
const inviteSchema = z.object({
  handle: z.string().trim().min(1, "handle (a username or email) is required").max(320),
  role,
  /** "grant": local mode only, gives an existing user access at once (demo users have no email). */
  mode: z.enum(["invite", "grant"]).default("invite"),
});
const changeSchema = z.object({ userId: z.string().min(1).max(200), role });
const revokeSchema = z.union([
  z.object({ userId: z.string().min(1).max(200) }).strict(),
  z.object({ invitationId: z.number().int().positive() }).strict(),
]);

const ownerAccess = async (request: Request, params: Ctx["params"]) =>
  requireSystemAccess(request, (await params).system, "owner");

/** Who can see this system: owner, grants and pending invitations (the owner or a platform admin). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const { system } = await ownerAccess(request, params);
  return listSystemAccess(system);
});

/** Invites someone by username or email (answers with the one-time accept link), or grants directly in local mode. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const { system, caller } = await ownerAccess(request, params);
  const body = await parseBody(request, inviteSchema);
  if (body.mode === "grant") {
    if (!isLocalAuthMode()) throw new ApiError("BAD_REQUEST", "Direct grants are for local mode: send an invitation");
    return { granted: await grantDirectly(system, body.handle, body.role) };
  }
  return {
    invitation: await createInvitation({ system, invitedBy: caller.userId, handle: body.handle, role: body.role }),
  };
});

/** Changes the role of someone who already has access. */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const { system } = await ownerAccess(request, params);
  const body = await parseBody(request, changeSchema);
  await changeRole(system.id, body.userId, body.role);
  return { ok: true };
});

/** Revokes a person's access (`{ userId }`) or a pending invitation (`{ invitationId }`). */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const { system, caller } = await ownerAccess(request, params);
  const body = await parseBody(request, revokeSchema);
  if ("userId" in body) await revokeAccess(system.id, body.userId);
  else await revokeInvitation(system.id, body.invitationId, caller.userId);
  return { ok: true };
});

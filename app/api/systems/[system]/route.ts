import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { loadSystemSettings, removeSystem, systemPatchSchema, updateSystemSettings } from "@/lib/systems";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** One system's settings (any reader; canWrite / isOwner say what the caller may change). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  return loadSystemSettings(await requireSystemAccess(request, ref, "read", { scope: "systems:read" }));
});

/** Changes name, alias, time zone, status (system admins and owners) or the default flag (owner only). */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write", { scope: "settings:write" });
  const patch = await parseBody(request, systemPatchSchema);
  return updateSystemSettings(access, patch);
});

/** Removes the system (owner only): polling stops, credentials are deleted, readings are kept. */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  await removeSystem(await requireSystemAccess(request, ref, "owner"));
  return { ok: true };
});

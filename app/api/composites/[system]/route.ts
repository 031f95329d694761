import { z } from "zod";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { getCompositeDetail, updateComposite, updateCompositeSchema } from "@/lib/composite";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

const refSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,40}$/, "the composite is named by its id or alias (letters, digits, _)");

/** A composite's mapping, per-point status and dropped sources (any reader). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = refSchema.parse((await params).system);
  return getCompositeDetail(await requireSystemAccess(request, ref, "read"));
});

/** Changes a composite's name, alias, zone, mapping or capacities (system admins and owners). */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = refSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const body = await parseBody(request, updateCompositeSchema);
  await updateComposite(access, body);
  return getCompositeDetail(access);
});

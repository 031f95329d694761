import { NextResponse } from "next/server";
import { z } from "zod";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { cancelBackfill, getBackfill, requestBackfill } from "@/lib/backfill";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

const startSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "from must be a date (YYYY-MM-DD), e.g. 2024-01-01"),
});

const noStore = { headers: { "Cache-Control": "no-store" } };

/** The system's history import: progress, calls left today, estimated finish (owner or platform admin). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const { system } = await requireSystemAccess(request, ref, "owner");
  return NextResponse.json(await getBackfill(system), noStore);
});

/** "Import history from <date>": starts the job the poll cron runs within the vendor's quota. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const { system, caller } = await requireSystemAccess(request, ref, "owner");
  const body = await parseBody(request, startSchema);
  const job = await requestBackfill(system, body.from, caller.userId);
  return NextResponse.json({ available: true, job }, { status: 201, ...noStore });
});

/** Cancels the import; what it already imported stays. */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const { system } = await requireSystemAccess(request, ref, "owner");
  return NextResponse.json({ available: true, job: await cancelBackfill(system) }, noStore);
});

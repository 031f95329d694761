import { z } from "zod";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { idParam, setSystemStatus } from "@/lib/admin";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ systemId: string }> };

const bodySchema = z.object({
  status: z.enum(["active", "disabled", "removed"], {
    errorMap: () => ({ message: "status must be active, disabled or removed" }),
  }),
});

/** Changes a system's status: active (polled), disabled (kept, not polled) or removed (hidden from users). */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  await requireAdmin(request);
  const systemId = idParam((await params).systemId, "systemId");
  const { status } = await parseBody(request, bodySchema);
  return setSystemStatus(systemId, status);
});

import { withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import { listCandidates } from "@/lib/composite";

export const dynamic = "force-dynamic";

/** The points the caller may map into a composite, grouped by system and category. */
export const GET = withRoute(async (request: Request) => listCandidates(await requireAuth(request)));

import { withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import { listVendorOptions } from "@/lib/systems";
import type { VendorsResponse } from "@/lib/systems/contracts";

export const dynamic = "force-dynamic";

/** The vendors a signed-in user can add, with their credential fields (names and labels only). */
export const GET = withRoute(async (request: Request): Promise<VendorsResponse> => {
  await requireAuth(request);
  return { vendors: listVendorOptions() };
});

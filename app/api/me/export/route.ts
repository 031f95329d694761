import { z } from "zod";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import type { ExportLevel } from "@/lib/export/store";
import { personArchive } from "@/lib/export/person";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

const LEVELS = ["raw", "5m", "30m", "daily"] as const;
const querySchema = z.object({
  levels: z
    .string()
    .default("daily")
    .transform((v) => [...new Set(v.split(",").map((s) => s.trim()))])
    .refine((v) => v.length > 0 && v.every((l) => (LEVELS as readonly string[]).includes(l)), {
      message: "levels must be a comma-separated list of raw, 5m, 30m, daily",
    }),
});

/** The caller's whole data (systems they own, settings, points, tariffs, readings at chosen levels) as a tar. */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  const { levels } = parseQuery(request, querySchema);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(personArchive(user, levels as ExportLevel[]), {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="my-data-${day}.tar"`,
      "Cache-Control": "no-store",
    },
  });
});

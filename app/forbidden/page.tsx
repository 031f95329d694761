import type { Metadata } from "next";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";

export const metadata: Metadata = { title: "No access · Solar Monitor" };

/** A plain page saying so (pages a signed-in user may not open answer 403 with the same notice: app/forbidden.tsx). */
export default function ForbiddenPage() {
  return <ForbiddenNotice />;
}

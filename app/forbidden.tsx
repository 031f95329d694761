import type { Metadata } from "next";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";

export const metadata: Metadata = { title: "No access · Solar Monitor" };

/** What `forbidden()` renders, with HTTP 403, at the URL the user asked for. */
export default function Forbidden() {
  return <ForbiddenNotice />;
}

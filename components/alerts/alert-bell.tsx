import Link from "next/link";
import { Bell } from "lucide-react";
import { unreadForUser } from "@/lib/alerts/service";
import { getPageUser } from "@/lib/auth/page";

/** The header's bell: a link to /alerts with the number of open alerts nobody has acknowledged yet. */
export async function AlertBell() {
  const user = await getPageUser();
  if (!user) return null;
  let unread = 0;
  try {
    unread = await unreadForUser(user);
  } catch {
    unread = 0; // the header never fails a page
  }
  const label = unread === 0 ? "Alerts, none unread" : `Alerts, ${unread} unread`;
  return (
    <Link
      href="/alerts"
      aria-label={label}
      title={label}
      data-testid="alert-bell"
      className="relative inline-flex size-10 items-center justify-center rounded-md hover:bg-accent hover:text-accent-foreground"
    >
      <Bell className="size-5" aria-hidden="true" />
      {unread > 0 ? (
        <span
          data-testid="alert-bell-count"
          className="absolute right-1 top-1 min-w-5 rounded-full bg-destructive px-1 text-center text-xs font-semibold leading-5 text-destructive-foreground"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

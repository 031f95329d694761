import Link from "next/link";
import { Sun } from "lucide-react";
import { AlertBell } from "@/components/alerts/alert-bell";
import { UserMenu } from "@/components/auth/user-menu";
import { ThemeToggle } from "./theme-toggle";

/** The top bar on every page: product name, main navigation, theme toggle and the signed-in user's menu. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
      <div className="container flex h-14 items-center gap-4">
        <Link href="/" className="flex items-center gap-2 rounded-md font-semibold">
          <Sun className="size-5 text-solar" aria-hidden="true" />
          {/* On a phone the sun alone leaves room for the navigation; the name is still the link's name. */}
          <span className="sr-only sm:not-sr-only">Solar Monitor</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-4 text-sm text-muted-foreground">
          <Link href="/dashboard" className="rounded-md hover:text-foreground">
            Dashboard
          </Link>
          <Link href="/settings/tokens" className="rounded-md hover:text-foreground">
            API tokens
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <AlertBell />
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}

import Link from "next/link";

const LINKS = [
  { href: "/admin", label: "Systems" },
  { href: "/admin/sessions", label: "Sessions" },
  { href: "/admin/health", label: "Poll health" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/storage", label: "Storage" },
  { href: "/admin/retention", label: "Retention" },
  { href: "/admin/tools", label: "Tools" },
] as const;

/** The admin area's section links. */
export function AdminNav() {
  return (
    <nav aria-label="Admin sections" className="flex flex-wrap gap-1 border-b pb-2 text-sm">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          className="rounded-md px-3 py-1.5 font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground"
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}

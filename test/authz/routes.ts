import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export interface DiscoveredRoute {
  /** e.g. `/api/admin/systems/[systemId]` */
  path: string;
  file: string;
}

/** Every app/api/**\/route.ts, as URL path patterns with their files. */
export function discoverApiRoutes(root = process.cwd()): DiscoveredRoute[] {
  const out: DiscoveredRoute[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== "__tests__") walk(full);
      } else if (name === "route.ts" || name === "route.tsx") {
        const rel = relative(join(root, "app"), dir).split(sep).join("/");
        // Route groups `(name)` do not appear in URLs.
        out.push({
          path: `/${rel
            .split("/")
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/")}`,
          file: full,
        });
      }
    }
  };
  walk(join(root, "app", "api"));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Replaces `[name]` segments with values. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for [${name}] in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

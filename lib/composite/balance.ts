/**
 * Warnings for composites that cannot balance (client-safe: the editor shows them as the user picks, the server
 * returns them from validation). A composite adds its members' accounts flow by flow, so every member that
 * shares in the balance must bring all of it, and no meter may be counted twice.
 */
import { isStandardCategory, type StandardCategory } from "./categories";

export interface BalanceMember {
  systemId: number;
  displayName: string;
  /** The standard categories the member's mapped points fall in. */
  categories: Set<StandardCategory>;
  /** Where the system is (same place: likely one site seen by two vendors), when known. */
  location?: { lat: number; lng: number } | null;
}

const near = (a?: BalanceMember["location"], b?: BalanceMember["location"]) =>
  Boolean(a && b && Math.abs(a.lat - b.lat) < 0.01 && Math.abs(a.lng - b.lng) < 0.01);

const list = (names: string[]) =>
  names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/**
 * One line per problem: two members' grid meters at one place (the same connection counted twice), or a member
 * that brings generation or storage without its load (its energy has nowhere to go in the balance).
 */
export function balanceWarnings(members: BalanceMember[]): string[] {
  const out: string[] = [];
  const grids = members.filter((m) => m.categories.has("grid"));
  for (let i = 0; i < grids.length; i++) {
    for (let j = i + 1; j < grids.length; j++) {
      if (near(grids[i].location, grids[j].location)) {
        out.push(
          `“${grids[i].displayName}” and “${grids[j].displayName}” both bring a grid meter at the same address: if ` +
            "they measure the same connection, the grid is counted twice. Map the grid from one of them.",
        );
      }
    }
  }
  for (const m of members) {
    const brings = (["solar", "battery"] as const).filter((c) => m.categories.has(c));
    const lacks = (["load", "grid"] as const).filter((c) => !m.categories.has(c));
    if (brings.length && lacks.length) {
      out.push(
        `“${m.displayName}” brings ${list(brings)} but not its ${list([...lacks])}: where its energy went cannot be ` +
          "known, so the composite's home use and grid stay unknown. Map its load and grid too.",
      );
    }
  }
  return out;
}

/** Members from mappings (`category → refs`) and what is known of each system. */
export function balanceMembers(
  mappings: Record<string, Array<{ systemId: number }>>,
  systems: Map<number, { displayName: string; location?: BalanceMember["location"] }>,
): BalanceMember[] {
  const byId = new Map<number, BalanceMember>();
  for (const [category, refs] of Object.entries(mappings)) {
    if (!isStandardCategory(category)) continue;
    for (const r of refs) {
      const s = systems.get(r.systemId);
      if (!s) continue;
      let m = byId.get(r.systemId);
      if (!m) byId.set(r.systemId, (m = { systemId: r.systemId, ...s, categories: new Set() }));
      m.categories.add(category);
    }
  }
  return [...byId.values()];
}

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/*
 * Vendors are a capability contract (docs/architecture.md, "Vendors and emulators"): code outside lib/vendors
 * branches on an adapter's mode and declared capabilities and shows the adapter's own displayName; it never names
 * a vendor. This test reads every source file of app/, components/ and lib/ outside lib/vendors and fails on a
 * vendor's name (code, strings and comments alike). Tests, docs and scripts/ are out of scope.
 */

const ROOT = process.cwd();
const SCANNED = ["app", "components", "lib"];
const SOURCE = /\.(?:ts|tsx|js|mjs|cjs|css)$/;

/** Every vendor type of the VendorType union, so a vendor added there is covered without touching this test. */
function vendorTypes(): string[] {
  const types = readFileSync(join(ROOT, "lib/vendors/types.ts"), "utf8");
  const union = /export type VendorType =([^;]+);/.exec(types)?.[1] ?? "";
  return [...union.matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]);
}

/** The virtual vendor: "composite" is also the product's word for such a system, so only its literal is checked. */
const VIRTUAL = "composite";

/** Names a vendor also goes by (portals, brands) besides its vendor type. */
const ALIASES = ["select.live", "enlighten", "tesla", "powerwall"];

const NAMES = [...new Set([...vendorTypes().filter((t) => t !== VIRTUAL), ...ALIASES])];
const NAME_RE = new RegExp(`(${NAMES.map((n) => n.replace(/\./g, "\\.")).join("|")})`, "i");
/**
 * A composite vendor check: its quoted vendor type compared or assigned (`vendorType === "composite"`,
 * `vendor_type = 'composite'`, `vendorType: "composite"`); the UI's "Composite" and a `["composite"]` key are words.
 */
const Q = `["'\`]${VIRTUAL}["'\`]`;
const OP = "(?:===?|!==?|=|<>)";
const VIRTUAL_RE = new RegExp(`(?:${OP}\\s*${Q}|${Q}\\s*${OP}|vendor\\w*\\s*:\\s*${Q})`, "i");

/** Words that contain a vendor's name without naming it: Tailwind's amber colour scale (`bg-amber-500`). */
const NOT_A_NAME = [/\bamber-\d{2,3}(?:\/\d+)?\b/gi];

/**
 * Files allowed to name vendors, each with its reason. Keep this list short: prefer a capability on the adapter.
 */
const EXCEPTIONS: Record<string, string> = {
  // Each vendor's environment variables (SELECTRONIC_BASE_URL, ENPHASE_CLIENT_ID …) are part of the deployment's
  // public configuration (.env.example, README). lib/env.ts is the only reader of process.env and sits below
  // lib/vendors, which reads these through getEnv(); moving them into lib/vendors would make lib/env import upward.
  "lib/env.ts": "vendor environment variable names",
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const rel = relative(ROOT, full).split(sep).join("/");
    if (statSync(full).isDirectory()) {
      if (name === "__tests__" || name === "node_modules" || rel === "lib/vendors") continue;
      out.push(...sourceFiles(full));
    } else if (SOURCE.test(name) && !/\.test\.tsx?$/.test(name)) {
      out.push(rel);
    }
  }
  return out;
}

/** `file:line: text` for every line naming a vendor. */
function offences(file: string): string[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const out: string[] = [];
  lines.forEach((raw, i) => {
    const line = NOT_A_NAME.reduce((l, re) => l.replace(re, ""), raw);
    if (NAME_RE.test(line) || VIRTUAL_RE.test(line)) out.push(`${file}:${i + 1}: ${raw.trim().slice(0, 120)}`);
  });
  return out;
}

describe("vendor names outside lib/vendors", () => {
  const files = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)));

  it("scans the tree and knows the vendors", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(NAMES).toEqual(expect.arrayContaining(["selectronic", "enphase", "fronius", "solaredge", "amber", "mondo"]));
    expect(files.some((f) => f.startsWith("lib/vendors/"))).toBe(false);
  });

  it("appear in no source file of app/, components/ or lib/ (except the listed ones)", () => {
    const found = files.filter((f) => !(f in EXCEPTIONS)).flatMap(offences);
    expect(found).toEqual([]);
  });

  it("lists only exceptions that still exist and still name a vendor", () => {
    for (const file of Object.keys(EXCEPTIONS)) {
      expect(files).toContain(file);
      expect(offences(file).length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["a vendor type in code", 'if (system.vendorType === "fronius") {}', true],
    ["a brand in a comment", "// polled less often at night (SolarEdge)", true],
    ["a portal name in a string", 'label: "select.live email"', true],
    ["a composite vendor check", 'vendorType !== "composite"', true],
    ["a composite check in SQL", "WHERE vendor_type = 'composite'", true],
    ["the product word composite", "// a composite's live values come from its sources", false],
    ["a composite vendor type set", 'vendorType: "composite",', true],
    ["a type's composite key", 'CompositeLatestResponse["composite"]["points"]', false],
    ["the amber colour scale", 'className="bg-amber-500/10 text-amber-700"', false],
  ])("flags %s: %s → %s", (_what, line, flagged) => {
    const cleaned = NOT_A_NAME.reduce((l, re) => l.replace(re, ""), line);
    expect(NAME_RE.test(cleaned) || VIRTUAL_RE.test(cleaned)).toBe(flagged);
  });
});

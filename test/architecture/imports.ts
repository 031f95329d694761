import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** One import (or re-export, or dynamic import) of a module; `typeOnly` when it brings in types alone. */
export interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*["']([^"']+)["']/gms;
const SIDE_EFFECT_IMPORT = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** True when every named specifier in `{ type A, type B }` is a type (so nothing loads at run time). */
function allSpecifiersTyped(clause: string): boolean {
  const braces = /\{([^}]*)\}/.exec(clause);
  if (!braces) return false;
  if (clause.replace(braces[0], "").replace(/,/g, "").trim() !== "") return false; // a default or namespace import
  const names = braces[1]
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/** Imports found on the import lines of a TypeScript source (comments are stripped first). */
export function parseImports(source: string): ImportRef[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const refs: ImportRef[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    refs.push({ specifier: m[4], typeOnly: Boolean(m[2]) || allSpecifiersTyped(m[3]) });
  }
  for (const m of text.matchAll(SIDE_EFFECT_IMPORT)) refs.push({ specifier: m[1], typeOnly: false });
  for (const m of text.matchAll(DYNAMIC_IMPORT)) refs.push({ specifier: m[1], typeOnly: false });
  return refs;
}

/** Every .ts/.tsx file under `dir` (relative to `root`, forward slashes), tests excluded. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) {
        if (name !== "__tests__" && name !== "node_modules") walk(path);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        out.push(relative(root, path).split("\\").join("/"));
      }
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return out.sort();
}

/** The module names that open the database at run time. */
export const DATABASE_MODULES = [/^@\/lib\/db\/client$/, /^drizzle-orm(\/|$)/, /^@libsql\/client(\/|$)/, /^libsql$/];

/** A file that may open the database: lib/db itself, or a lib store module (store.ts, store-*.ts, sql-*.ts). */
export function mayOpenDatabase(file: string): boolean {
  if (file.startsWith("lib/db/")) return true;
  const base = file.split("/").pop() ?? "";
  return file.startsWith("lib/") && /^(store|store-[\w-]+|sql-[\w-]+)\.ts$/.test(base);
}

/** Files (from `sources`: path → text) that import a database module at run time outside the store modules. */
export function databaseBoundaryViolations(sources: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, text] of sources) {
    if (mayOpenDatabase(file)) continue;
    const hits = parseImports(text).filter((r) => !r.typeOnly && DATABASE_MODULES.some((re) => re.test(r.specifier)));
    if (hits.length) bad.push(`${file} imports ${hits.map((h) => h.specifier).join(", ")}`);
  }
  return bad.sort();
}

/** Resolves an `@/…` or relative specifier to a file among `files`; null for packages or unknown paths. */
function resolveLocal(from: string, specifier: string, files: Set<string>): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = relative("/", resolve("/", dirname(from), specifier));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}

/** Run-time import edges among `sources`: file → the local files it imports. */
export function importGraph(sources: Map<string, string>): Map<string, string[]> {
  const files = new Set(sources.keys());
  const edges = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = parseImports(text)
      .filter((r) => !r.typeOnly)
      .map((r) => resolveLocal(file, r.specifier, files))
      .filter((t): t is string => t !== null && t !== file);
    edges.set(file, [...new Set(targets)].sort());
  }
  return edges;
}

/** Import cycles (run-time imports only) among `sources`, each as the list of files round the loop. */
export function importCycles(sources: Map<string, string>): string[][] {
  const edges = importGraph(sources);
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * Groups of lib areas (lib/<area>/…, or lib/<name>.ts) that import each other round a loop: the strongly
 * connected components of the area graph with more than one area, each sorted.
 */
export function areaLoops(sources: Map<string, string>): string[][] {
  const areaOf = (file: string) => file.split("/")[1].replace(/\.tsx?$/, "");
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of importGraph(sources)) {
    const from = areaOf(file);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const t of targets) if (areaOf(t) !== from) edges.get(from)!.add(areaOf(t));
  }
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Reads files (relative to `root`) into a path → text map. */
export function readSources(root: string, files: string[]): Map<string, string> {
  return new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));
}

/*
 * Accessibility audit for the end-to-end run: axe-core is injected into each page the tests screenshot (and the
 * admin pages), its findings are collected, written to artifacts/a11y-summary.{json,md}, and the last test fails on
 * any serious or critical one.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import type { E2eTest } from "./harness";

/** Impacts that fail the run; moderate and minor ones are reported only. */
export const FAILING_IMPACTS = new Set(["serious", "critical"]);

/** WCAG 2.x A/AA plus axe's best practices (label-content-name-mismatch is an experimental WCAG 2.5.3 rule). */
const RUN_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  rules: { "label-content-name-mismatch": { enabled: true } },
  resultTypes: ["violations"],
};

export interface AuditFinding {
  page: string;
  url: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
  html: string[];
}

export interface AuditRecord {
  page: string;
  url: string;
  violations: number;
}

const findings: AuditFinding[] = [];
const audited: AuditRecord[] = [];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string }>;
}

/** Runs axe in `page` (injecting it once per document) and records its violations under `name`. */
export async function auditPage(page: Page, name: string): Promise<AuditFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: unknown[] }> } }).axe
        .run(document, options)
        .then((r) => r.violations),
    RUN_OPTIONS,
  )) as AxeViolation[];
  const url = new URL(page.url()).pathname + new URL(page.url()).search;
  const found = violations.map((v): AuditFinding => ({
    page: name,
    url,
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.slice(0, 10).map((n) => n.target.map(String).join(" ")),
    html: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 300)),
  }));
  findings.push(...found);
  audited.push({ page: name, url, violations: found.length });
  return found;
}

/** Serious or critical findings recorded so far, on one audited page state (by its name) or on all. */
export function failingFindings(page?: string): AuditFinding[] {
  return findings.filter((f) => FAILING_IMPACTS.has(f.impact) && (page === undefined || f.page === page));
}

/** Findings by rule: how many pages show it and where, worst first. */
export function summarize(all: AuditFinding[] = findings) {
  const byRule = new Map<
    string,
    { impact: string; help: string; helpUrl: string; pages: Set<string>; nodes: number }
  >();
  for (const f of all) {
    const row = byRule.get(f.rule) ?? {
      impact: f.impact,
      help: f.help,
      helpUrl: f.helpUrl,
      pages: new Set(),
      nodes: 0,
    };
    row.pages.add(f.page);
    row.nodes += f.targets.length;
    byRule.set(f.rule, row);
  }
  const order = ["critical", "serious", "moderate", "minor", "unknown"];
  return [...byRule.entries()]
    .map(([rule, r]) => ({
      rule,
      impact: r.impact,
      help: r.help,
      helpUrl: r.helpUrl,
      pages: [...r.pages],
      nodes: r.nodes,
    }))
    .sort((a, b) => order.indexOf(a.impact) - order.indexOf(b.impact) || b.pages.length - a.pages.length);
}

/** Writes artifacts/a11y-summary.json (every finding) and a11y-summary.md (by rule) and returns the failing ones. */
export function writeAuditSummary(artifactsDir: string): AuditFinding[] {
  mkdirSync(artifactsDir, { recursive: true });
  const rules = summarize();
  const failing = findings.filter((f) => FAILING_IMPACTS.has(f.impact));
  writeFileSync(
    join(artifactsDir, "a11y-summary.json"),
    JSON.stringify({ axeVersion: axe.version, audited, rules, findings }, null, 2),
  );
  const lines = [
    `# Accessibility audit (axe-core ${axe.version}, end-to-end run)`,
    "",
    `${audited.length} page states audited; ${failing.length} serious/critical finding(s), ` +
      `${findings.length - failing.length} moderate/minor.`,
    "",
    "| Rule | Impact | Pages | Elements | Help |",
    "| --- | --- | --- | --- | --- |",
    ...rules.map((r) => `| ${r.rule} | ${r.impact} | ${r.pages.length} | ${r.nodes} | ${r.help} |`),
    "",
    "## Pages audited",
    "",
    ...audited.map((a) => `- ${a.page} (${a.url}): ${a.violations} rule(s) violated`),
    "",
  ];
  writeFileSync(join(artifactsDir, "a11y-summary.md"), lines.join("\n"));
  return failing;
}

/** The last test of a run: writes the summary and fails on any serious or critical finding. */
export function auditSummaryTest(artifactsDir: string): E2eTest {
  return {
    name: "accessibility: no serious or critical axe findings on any audited page",
    async run() {
      const failing = writeAuditSummary(artifactsDir);
      if (audited.length === 0) throw new Error("no page was audited");
      if (failing.length) {
        const text = failing
          .slice(0, 20)
          .map((f) => `${f.impact} ${f.rule} on ${f.page} (${f.url}): ${f.targets.slice(0, 3).join(", ")}`)
          .join("\n");
        throw new Error(`${failing.length} serious/critical axe finding(s):\n${text}`);
      }
    },
  };
}

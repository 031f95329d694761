import type { Browser, Page } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface E2eContext {
  baseUrl: string;
  browser: Browser;
  screenshotDir: string;
  /** A fresh page at a viewport; the caller closes its context via the returned close(). */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; close: () => Promise<void> }>;
  screenshot(page: Page, name: string): Promise<string>;
  /** The SMTP server this run started for alert email (the app's SMTP_URL points at it). */
  mailbox?: Mailbox;
}

/** A received email. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  raw: string;
}

export interface Mailbox {
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export interface E2eTest {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

export interface E2eReport {
  passed: number;
  failed: number;
  tests: Array<{ name: string; ok: boolean; ms: number; error?: string }>;
}

/** Runs the tests one after another, never stopping at a failure; writes the JSON report CI counts. */
export async function runTests(tests: E2eTest[], ctx: E2eContext, reportFile: string): Promise<E2eReport> {
  const report: E2eReport = { passed: 0, failed: 0, tests: [] };
  for (const test of tests) {
    const started = Date.now();
    try {
      await test.run(ctx);
      report.passed++;
      report.tests.push({ name: test.name, ok: true, ms: Date.now() - started });
      console.log(`  ✓ ${test.name} (${Date.now() - started} ms)`);
    } catch (err) {
      report.failed++;
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report.tests.push({ name: test.name, ok: false, ms: Date.now() - started, error });
      console.log(`  ✗ ${test.name}\n${error.split("\n").slice(0, 8).join("\n")}`);
    }
  }
  mkdirSync(join(reportFile, ".."), { recursive: true });
  writeFileSync(reportFile, JSON.stringify(report, null, 2));
  console.log(`end-to-end: ${report.passed} passed, ${report.failed} failed`);
  return report;
}

/** Throws with a message when a condition does not hold. */
export function expectTrue(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

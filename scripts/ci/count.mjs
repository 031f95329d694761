// Prints the plain `N passed, N failed` line CI reads, from Jest's JSON report and the e2e runner's report.
import { existsSync, readFileSync } from "node:fs";

const [jestFile, e2eFile, verifyStatus = "0"] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const notes = [];
if (jestFile && existsSync(jestFile)) {
  const j = JSON.parse(readFileSync(jestFile, "utf8"));
  passed += j.numPassedTests;
  failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  notes.push(`unit/integration: ${j.numPassedTests} passed, ${j.numFailedTests} failed`);
} else notes.push("unit/integration: no report (the run stopped before the tests)");
if (e2eFile && existsSync(e2eFile)) {
  const e = JSON.parse(readFileSync(e2eFile, "utf8"));
  passed += e.passed;
  failed += e.failed;
  notes.push(`end-to-end: ${e.passed} passed, ${e.failed} failed`);
} else notes.push("end-to-end: no report");
if (verifyStatus !== "0" && failed === 0) {
  failed = 1;
  notes.push("a verify step (typecheck, lint, format, build or e2e setup) failed: counted as 1 failure");
}
console.log(notes.join("; "));
console.log(`${passed} passed, ${failed} failed`);

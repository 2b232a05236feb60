// Reads vitest's and Playwright's JSON reports and prints, for each failed test, one line naming it (CI keeps only
// the tail of the log, where a failure far above would be out of sight), then the one line CI records:
// "N passed, N failed".
import fs from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const firstLine = (text) =>
  String(text ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .find(Boolean)
    ?.slice(0, 300) ?? "";

function vitestFailures(report, file) {
  for (const suite of report.testResults ?? []) {
    const name = suite.name?.replace(`${process.cwd()}/`, "") ?? file;
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const test of failedTests)
      failures.push(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed outside any test (an import error, a failing hook) has no failed assertion to name.
    if (suite.status === "failed" && failedTests.length === 0) failures.push(`${name}: ${firstLine(suite.message)}`);
  }
}

function playwrightFailures(suites, file) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.find((r) => r.error)?.error;
        failures.push(`${spec.file ?? file}:${spec.line ?? ""} › ${spec.title}: ${firstLine(error?.message)}`);
      }
    }
    playwrightFailures(suite.suites, file);
  }
}

for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`missing report ${file}: counting the run as failed`);
    failures.push(`${file}: report missing`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  if ("numPassedTests" in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    vitestFailures(report, file);
    // run_vitest (scripts/test.sh) keeps vitest's exit code beside its report.
    const exit = file.replace(/\.json$/, ".exit");
    const code = fs.existsSync(exit) ? Number(fs.readFileSync(exit, "utf8").trim()) : 0;
    if (code !== 0 && report.numFailedTests === 0) {
      failures.push(
        `${file}: vitest exited ${code} with no failed test: an error outside any test ("Unhandled Errors" above)`,
      );
      failed += 1;
    }
  } else if (report.stats) {
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    playwrightFailures(report.suites, file);
    // Errors outside any test (a web server that did not start, a failing global set-up).
    for (const error of report.errors ?? []) failures.push(`${file}: ${firstLine(error.message)}`);
    if ((report.errors ?? []).length > 0 && report.stats.unexpected === 0) failed += 1;
  }
}
for (const line of failures) console.log(`FAILED ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);

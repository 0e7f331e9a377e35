// Print a report from headless Chromium, as a reader pressing Ctrl+P would, and save the PDF, so
// tests/test_report_browser.py can check the browser honours the same page breaks as the PDF.
//   node print_check.mjs FILE CHROMIUM OUT.pdf
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [file, executablePath, out] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "tila-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  await page.goto("file://" + file, { waitUntil: "load" });
  await page.pdf({ path: out, format: "A4", printBackground: true });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify({ written: out }));

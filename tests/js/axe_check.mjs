// Open a report in headless Chromium, run axe-core on it, and print what happened as JSON:
// console errors, page errors, every request that left the file (there must be none), and
// axe's violations. Used by tests/test_report_browser.py.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [file, executablePath, widthArg] = process.argv.slice(2);  // width: optional, in px
const profile = mkdtempSync(join(tmpdir(), "tila-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  // The report's Content-Security-Policy forbids scripts, axe's included; layout_check.mjs
  // opens the page with the policy in force and checks it holds.
  bypassCSP: true,
  viewport: { width: Number(widthArg || 1280), height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const out = { console: [], pageErrors: [], requests: [], violations: [] };
try {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.console.push(m.text()); });
  page.on("pageerror", (e) => out.pageErrors.push(String(e)));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith("data:") && url !== "file://" + file) out.requests.push(url);
  });
  await page.goto("file://" + file, { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { resultTypes: ["violations"] }));
  out.violations = result.violations.map((v) => ({ id: v.id, impact: v.impact,
    help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(out));

// Open a report in headless Chromium at one window width and report, as JSON, what a reader on
// that screen would hit: the page's scroll width against the viewport (sideways scrolling), the
// elements that stick out of the page, and every visible SVG text drawn smaller than 9 px (its
// font size times the scale the SVG is drawn at). Optionally saves a full-page screenshot.
// Used by tests/test_report_browser.py:  node layout_check.mjs FILE CHROMIUM WIDTH [PNG]
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [file, executablePath, widthArg, screenshot] = process.argv.slice(2);
const width = Number(widthArg);
const profile = mkdtempSync(join(tmpdir(), "tila-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
let out;
try {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + file, { waitUntil: "load" });
  // The Content-Security-Policy must stop any script, even one a template let through.
  let scriptBlocked = false;
  try {
    await page.addScriptTag({ content: "window.tilaInjected = true;" });
  } catch {
    scriptBlocked = true;
  }
  scriptBlocked = scriptBlocked && !(await page.evaluate(() => window.tilaInjected === true));
  out = await page.evaluate(() => {
    const doc = document.documentElement;
    const viewport = doc.clientWidth;
    const wide = [];
    // Inside a box that scrolls (or clips) sideways, sticking out is the box's business.
    const scrolls = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > viewport + 0.5 || r.left < -0.5) && !scrolls(el)) {
        // Only the outermost offender: a child of an element already listed adds nothing.
        if (!wide.some((w) => w.el.contains(el))) wide.push({ el, right: r.right });
      }
    }
    const small = [];
    let texts = 0;
    for (const t of document.querySelectorAll("svg text")) {
      if (!t.checkVisibility()) continue;
      texts += 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      if (px < 9) small.push({ text: t.textContent, px: Math.round(px * 100) / 100 });
    }
    return {
      viewport,
      scrollWidth: doc.scrollWidth,
      overflowing: wide.map((w) => `${w.el.tagName.toLowerCase()}.${w.el.className || ""}` +
                            `[${(w.el.querySelector("caption") || {}).textContent || ""}]` +
                            `#${w.el.id || ""} right=${Math.round(w.right)}`),
      svgTexts: texts,
      smallText: small.slice(0, 20),
      smallTextCount: small.length,
    };
  });
  out.scriptBlocked = scriptBlocked;
  // Errors other than the refusal just provoked (a font, image or style the policy blocked).
  out.errors = errors.filter((e) => !e.includes("tilaInjected") && !e.includes("inline script"));
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(out));

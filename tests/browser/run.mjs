// tests/browser/run.mjs: spil report's HTML in a real browser (cases browser-report-N).
//
// Loads every example region (regions/*) and one hostile region into a fresh database, imports
// a small generated set of figures (scripts/gen-national, fictional), writes each region's
// report and the learning network's page (spil report --all) with -o, and then, in Debian's
// headless Chromium driven by puppeteer-core:
//   - renders each page: no console error, no page error, no request but the file itself
//     (every other request is recorded and aborted), no script in the document, and a
//     full-page screenshot into OUT/<name>.png to look at;
//   - runs axe-core (WCAG 2.1 A and AA and best practices): no serious or critical violation;
//   - prints it with `chromium --headless --print-to-pdf` and checks the PDF with poppler-utils:
//     A4, the page count (each section starts a page) and the text (pdftotext), page by page.
// Chromium, pdfinfo and node_modules must be there: scripts/deps installs them; a missing one
// fails the test, it is never skipped.
//
// Usage: node tests/browser/run.mjs SPIL ROOT OUT
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const [spil, root, outDir] = process.argv.slice(2);
if (!spil || !root || !outDir) {
  console.error("usage: node tests/browser/run.mjs SPIL ROOT OUT");
  process.exit(2);
}
const require = createRequire(import.meta.url);
let puppeteer;
try {
  puppeteer = (await import("puppeteer-core")).default;
} catch (e) {
  console.error("browser test: puppeteer-core is missing; run scripts/deps (npm ci in tests/browser)");
  process.exit(1);
}
const axePath = require.resolve("axe-core/axe.min.js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
for (const tool of [CHROMIUM, "/usr/bin/pdfinfo", "/usr/bin/pdftotext"]) {
  if (!fs.existsSync(tool)) {
    console.error(`browser test: ${tool} is missing; run scripts/deps (chromium, poppler-utils)`);
    process.exit(1);
  }
}

fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "spil-browser-"));
const env = {
  ...process.env,
  SPIL_DB: path.join(work, "spil.db"),
  SPIL_NOW: "2026-01-15T10:00:00Z",
  SPIL_ACTOR: "tester",
  NO_COLOR: "1",
};
const run = (cmd, args) => execFileSync(cmd, args, { env, cwd: work, encoding: "utf8" });

let passed = 0, failed = 0;
function report(title, problems) {
  if (problems.length) {
    failed++;
    console.log(`not ok - ${title}`);
    for (const p of problems) console.log(`    ${p}`);
  } else {
    passed++;
    console.log(`ok - ${title}`);
  }
}

// ---- the data ----
const regions = fs.readdirSync(path.join(root, "regions"))
  .filter((d) => fs.existsSync(path.join(root, "regions", d, "region.yaml"))).sort();
for (const r of regions) run(spil, ["load", path.join(root, "regions", r)]);
const hostile = path.join(work, "hostile");
fs.mkdirSync(hostile);
fs.writeFileSync(path.join(hostile, "region.yaml"), `spil: 1
region: {id: hostile, name: "Regio <script>alert(1)</script> & \\"Co\\""}
municipalities: [{code: GM0505}, {code: GM0482}]
organisations:
  - {id: gem-a, name: "Gemeente <img src=x onerror=alert(2)> & Zn", kind: gemeente, municipality: GM0505}
  - {id: gem-b, name: "</table><h1>B & B</h1>", kind: gemeente, municipality: GM0482}
people:
  - {id: p, name: "<b>Piet</b>", organisation: gem-a}
roles:
  - {person: p, role: regiocoordinator}
programmes: [{programme: kansrijke-start, step: verkenning}]
funding:
  - {id: f1, source: gala, purpose: rc, status: granted, amount: 1000, since: 2025-01-01, until: 2026-02-01}
`);
run(spil, ["load", hostile]);
run(path.join(root, "scripts", "gen-national"), [path.join(work, "national"), "--measurements", "20000", "--years", "4"]);
run(spil, ["import", "measurements", path.join(work, "national", "measurements.csv")]);

// ---- the reports ----
const pages = [];
// The region ids are the folders' region.id: read them from spil regions --json (its result).
const ids = JSON.parse(run(spil, ["regions", "--json"])).result.regions.map((x) => ({ id: x.id, name: x.name }));
for (const { id, name } of ids) {
  const file = path.join(outDir, `${id}.html`);
  run(spil, ["report", id, "-o", file]);
  pages.push({ id, name, file, sections: 9, first: "Rapport " + name, breaks: [
    "Bevindingen: wie moet wat doen", "Bestuur en besluitvorming", "Afspraken en ondertekening",
    "Financiering", "Rollen en verantwoordelijkheden", "Acties die openstaan", "Indicatoren",
    "Wat is er veranderd"] });
}
const allFile = path.join(outDir, "all.html");
run(spil, ["report", "--all", "-o", allFile]);
pages.push({ id: "all", name: "Leernetwerk", file: allFile, sections: 3,
  first: "Leernetwerk: alle regio's",
  breaks: ["Wat de meeste regio’s tegenhoudt", "Indicatoren vergeleken"] });

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

try {
  // browser-report-1: each page renders with no console error and no request but itself.
  for (const p of pages) {
    const problems = [];
    const url = "file://" + p.file;
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      if (req.url() === url) return req.continue();
      problems.push(`a request: ${req.url()}`);
      return req.abort();
    });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res || !res.ok()) problems.push(`could not load ${url}`);
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      scripts: document.scripts.length,
      imgs: document.images.length,
      h1: [...document.querySelectorAll("h1")].map((h) => h.textContent),
      svgs: document.querySelectorAll("svg[role=img]").length,
      unlabelled: [...document.querySelectorAll("svg")].filter((s) =>
        !s.getAttribute("aria-labelledby") || !s.querySelector("title") || !s.querySelector("desc")).length,
      tablesWithoutCaption: [...document.querySelectorAll("table")].filter((t) => !t.caption).length,
      headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => +h.tagName[1]),
    }));
    if (facts.lang !== "nl") problems.push(`lang is '${facts.lang}'`);
    if (facts.scripts !== 0) problems.push(`${facts.scripts} script elements`);
    if (facts.imgs !== 0) problems.push(`${facts.imgs} img elements`);
    if (facts.h1.length !== 1 || facts.h1[0] !== p.first) problems.push(`h1 is ${JSON.stringify(facts.h1)}, not '${p.first}'`);
    if (facts.unlabelled) problems.push(`${facts.unlabelled} charts without title, desc or aria-labelledby`);
    if (facts.tablesWithoutCaption) problems.push(`${facts.tablesWithoutCaption} tables without a caption`);
    for (let i = 1; i < facts.headings.length; i++)
      if (facts.headings[i] > facts.headings[i - 1] + 1) problems.push(`heading h${facts.headings[i]} after h${facts.headings[i - 1]}`);
    if (p.id === "hostile" && !facts.title.includes("<script>alert(1)</script> & \"Co\""))
      problems.push(`the hostile name is not shown as text: title '${facts.title}'`);
    await page.screenshot({ path: path.join(outDir, `${p.id}.png`), fullPage: true });
    await page.close();
    report(`browser-report-1: ${p.id}: renders with no console error, no request, no script; ${facts.svgs} charts, screenshot ${p.id}.png`, problems);
  }

  // browser-report-2: axe-core finds no serious or critical violation.
  const axe = fs.readFileSync(axePath, "utf8");
  for (const p of pages) {
    const page = await browser.newPage();
    await page.setBypassCSP(true); // the page's policy forbids scripts, axe's too
    await page.goto("file://" + p.file, { waitUntil: "load" });
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0] && v.nodes[0].target.join(" ") })), passes: r.passes.length };
    });
    await page.close();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const all = result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ") || "none";
    report(`browser-report-2: ${p.id}: axe-core: ${result.passes} rules pass; violations: ${all}`,
      bad.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes} nodes, first ${v.target})`));
  }
} finally {
  await browser.close();
}

// browser-report-3: printed to PDF by chromium itself: A4, a page per section, the text there.
for (const p of pages) {
  const problems = [];
  const pdf = path.join(outDir, `${p.id}.pdf`);
  fs.rmSync(pdf, { force: true });
  const r = spawnSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
    `--print-to-pdf=${pdf}`, "file://" + p.file], { encoding: "utf8", env: { ...process.env, HOME: work } });
  if (!fs.existsSync(pdf)) {
    report(`browser-report-3: ${p.id}: printed to PDF`, [`chromium wrote no PDF: ${r.stderr.slice(-500)}`]);
    continue;
  }
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pagesN = +(/^Pages:\s+(\d+)/m.exec(info) || [])[1];
  const size = (/^Page size:\s+(.*)$/m.exec(info) || [])[1] || "";
  if (!/^595\.\d* x 841\.\d* pts/.test(size) && !/\(A4\)/.test(size)) problems.push(`page size is ${size}, not A4`);
  if (!(pagesN >= p.sections)) problems.push(`${pagesN} pages, expected at least ${p.sections} (a page per section)`);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  if (!text.includes(p.first)) problems.push(`the PDF lacks '${p.first}'`);
  // Each section after the first starts a page: its heading is the first line of one.
  const firsts = [];
  for (let i = 1; i <= pagesN; i++)
    firsts.push(execFileSync("pdftotext", ["-f", String(i), "-l", String(i), pdf, "-"], { encoding: "utf8" })
      .split("\n").map((l) => l.trim()).find((l) => l));
  for (const h of p.breaks)
    if (!firsts.some((l) => l && l.replace(/[’']/g, "'") === h.replace(/[’']/g, "'")))
      problems.push(`no page starts with '${h}' (pages start with: ${firsts.join(" | ")})`);
  if (p.id !== "all" && !text.includes("Wat is er veranderd")) problems.push("the PDF lacks 'Wat is er veranderd'");
  report(`browser-report-3: ${p.id}: printed to PDF: ${pagesN} A4 pages, the sections and their text`, problems);
}

fs.rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

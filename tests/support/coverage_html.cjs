// The coverage page in a real headless Chromium (Debian's `chromium`, driven
// by playwright-core; Playwright's own browser download is not used).
// Run by tests/integration/coverage_html.rs:
//   node coverage_html.cjs PLAYWRIGHT_CORE_DIR PAGE.html REPORT.json SEARCH
// REPORT.json is the `--format json` report of the same run. Every check
// throws on failure (exit 1); on success one JSON line is printed with the
// figures measured (render time, page size).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');

const [pwDir, pagePath, reportPath, search] = process.argv.slice(2);
const { chromium } = require(pwDir);
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const COUNTS = ['hits', 'selected', 'responses', 'nulls', 'requests'];
const covered = (c) => COUNTS.some((k) => c[k] > 0);
const key = (c) => c.coordinate + ' ' + c.kind;
// Owners are the rows of types and directives; their members are rows inside them.
const isOwner = (c) => !/[.(]/.test(c.coordinate);

async function visibleMembers(page) {
  return page.locator('#tree .member:visible').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-coord') + ' ' + e.getAttribute('data-kind')));
}
const sorted = (a) => [...a].sort();

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
    const url = 'file://' + path.resolve(pagePath);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    const wallMs = Date.now() - t0;
    const renderMs = Number(await page.getAttribute('body', 'data-render-ms'));

    // The numbers on the page are the JSON's: the totals per kind...
    const summary = await page.locator('#summary tbody tr').evaluateAll((rows) => rows.map((r) => {
      const o = { kind: r.getAttribute('data-kind') };
      r.querySelectorAll('[data-k]').forEach((c) => { o[c.getAttribute('data-k')] = c.textContent; });
      return o;
    }));
    assert.equal(summary.length, Object.keys(report.summary).length, 'a row per kind');
    for (const row of summary) {
      const s = report.summary[row.kind];
      assert.ok(s, `kind ${row.kind} is in the JSON`);
      for (const k of ['covered', 'total', 'answered', 'sent']) assert.equal(Number(row[k]), s[k], `${row.kind} ${k}`);
      assert.equal(row.percent, s.percent.toFixed(1) + '%', `${row.kind} percent`);
    }
    // ...and every coordinate's counters, one row each (members are written when their type opens).
    await page.click('#expand');
    const rows = await page.locator('#tree [data-coord]').evaluateAll((els) => els.map((e) => {
      const o = { coordinate: e.getAttribute('data-coord'), kind: e.getAttribute('data-kind') };
      const row = e.querySelector('.row');
      row.querySelectorAll('[data-k]').forEach((c) => { o[c.getAttribute('data-k')] = Number(c.textContent); });
      o.deprecated = !!row.querySelector('.dep');
      o.uncovered = e.classList.contains('uncovered');
      return o;
    }));
    assert.equal(rows.length, report.coordinates.length, 'a row per coordinate');
    const byKey = new Map(report.coordinates.map((c) => [key(c), c]));
    for (const r of rows) {
      const c = byKey.get(key(r));
      assert.ok(c, `${key(r)} is in the JSON`);
      for (const k of COUNTS) assert.equal(r[k], c[k], `${key(r)} ${k}`);
      assert.equal(r.deprecated, c.deprecated, `${key(r)} deprecated`);
      assert.equal(r.uncovered, !covered(c), `${key(r)} covered`);
    }
    await page.click('#collapse');
    for (const s of report.http.responses) {
      const seen = await page.locator(`#responses tr[data-status="${s.status}"] [data-k="seen"]`).textContent();
      assert.equal(Number(seen), s.seen, `responses ${s.status}`);
    }
    const meta = await page.textContent('#meta');
    assert.ok(meta.includes(`${report.inputs.files} file`) && meta.includes(`${report.check.errors} error`), meta);

    // Nothing of the tree is open at first: no member row is visible.
    assert.deepEqual(await visibleMembers(page), [], 'the tree starts closed');

    // Search: the members whose coordinate holds the text, and only them.
    await page.fill('#search', search);
    const want = report.coordinates.filter((c) => !isOwner(c) && c.coordinate.toLowerCase().includes(search.toLowerCase()));
    assert.ok(want.length > 0, `the search ${search} finds something`);
    assert.deepEqual(sorted(await visibleMembers(page)), sorted(want.map(key)), `search ${search}`);

    // Filters: uncovered, then deprecated and used.
    await page.fill('#search', '');
    await page.check('input[name="show"][value="uncovered"]');
    const uncovered = report.coordinates.filter((c) => !isOwner(c) && !covered(c));
    assert.deepEqual(sorted(await visibleMembers(page)), sorted(uncovered.map(key)), 'uncovered');
    const owners = await page.locator('#tree details.owner.covered:visible').count();
    const uncoveredOwners = report.coordinates.filter((c) => isOwner(c) && !covered(c)).length;
    assert.equal(await page.locator('#tree details.owner.uncovered:visible').count(), uncoveredOwners, 'uncovered types');
    await page.check('input[name="show"][value="deprecated"]');
    const dep = report.coordinates.filter((c) => !isOwner(c) && c.deprecated && covered(c));
    assert.deepEqual(sorted(await visibleMembers(page)), sorted(dep.map(key)), 'deprecated and used');
    // Search and filter together.
    await page.check('input[name="show"][value="uncovered"]');
    await page.fill('#search', search);
    const both = uncovered.filter((c) => c.coordinate.toLowerCase().includes(search.toLowerCase()));
    assert.deepEqual(sorted(await visibleMembers(page)), sorted(both.map(key)), 'uncovered and searched');

    // Use sites: opening a member lists its sites as links.
    await page.check('input[name="show"][value="all"]');
    const used = report.coordinates.find((c) => !isOwner(c) && c.sites.length > 0);
    let sitesShown = 0;
    if (used) {
      await page.fill('#search', used.coordinate);
      const row = page.locator(`#tree .member[data-coord="${used.coordinate}"][data-kind="${used.kind}"]`);
      await row.locator('summary').click();
      // The sites are written by the row's toggle event, which fires after the click returns.
      await row.locator('ul.sites a').first().waitFor({ timeout: 5000 });
      const links = await row.locator('ul.sites a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      const expect = [...used.sites].map((s) => `${s.file}:${s.line}:${s.column}`);
      assert.deepEqual(links.map((l) => l[0]), expect, `sites of ${used.coordinate}`);
      for (const [text, href] of links) {
        const file = text.replace(/:\d+:\d+$/, '');
        assert.ok(decodeURI(href).endsWith(file), `${href} leads to ${file}`);
      }
      sitesShown = links.length;
    }
    assert.deepEqual(problems, [], 'no console error, no page error, no request off the file');
    console.log(JSON.stringify({ wallMs, renderMs, bytes: fs.statSync(pagePath).size, coordinates: rows.length, sitesShown, coveredOwnersShown: owners }));
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });

// End-to-end test of the web UI in a real headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core, against a real `sbomhub serve` started here on a free loopback port with a
// temporary data directory. No mock: every request goes to the server under test.
//
//   sign in → create teams/users in the admin pages → upload a real SBOM from ../shared/data →
//   findings appear → triage one (audit trail shows it) → export VEX → switch to Japanese →
//   an SBOM whose component names are HTML/JS shows them as text and runs nothing → a viewer of
//   another team cannot see the project → session end is noticed → sign out everywhere.
//
// Exit 0 pass, 1 fail, 77 skipped (chromium, web/node_modules, web/dist, the server binary or the
// shared data missing). Screenshots go to $SBOMHUB_ARTIFACTS (the build dir), never the repo.
//
// Environment (set by tests/web/CMakeLists.txt): SBOMHUB_BIN, SBOMHUB_WEB_DIR, SBOMHUB_SHARED_DATA,
// SBOMHUB_ARTIFACTS; optional SBOMHUB_CHROMIUM (default /usr/bin/chromium), SBOMHUB_E2E_HEADED=1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SKIP = 77;
const bin = process.env.SBOMHUB_BIN ?? '';
const webDir = process.env.SBOMHUB_WEB_DIR ?? '';
const shared = process.env.SBOMHUB_SHARED_DATA ?? '';
const artifacts = process.env.SBOMHUB_ARTIFACTS ?? path.join(os.tmpdir(), 'sbomhub-web-e2e');
const chromium = process.env.SBOMHUB_CHROMIUM ?? '/usr/bin/chromium';

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

if (!fs.existsSync(chromium)) skip(`no Chromium at ${chromium} (SBOMHUB_WITH_BROWSER=1 scripts/install-deps)`);
if (!fs.existsSync(path.join(webDir, 'node_modules', 'playwright-core'))) skip(`no ${webDir}/node_modules (scripts/build-web)`);
if (!fs.existsSync(path.join(webDir, 'dist', 'index.html'))) skip(`no ${webDir}/dist (scripts/build-web)`);
if (!shared || !fs.existsSync(shared)) skip(`shared data not found at ${shared}`);
if (!fs.existsSync(bin)) skip(`no server binary at ${bin}`);

const JUICE = path.join(shared, 'cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.json');
const NPM_ADVISORIES = path.join(shared, 'npm-advisories-nodejs-security-wg');
const KEV = path.join(shared, 'cisa-kev');
const INVALID = path.join(shared, 'cyclonedx-specification/tools/src/test/resources/1.5/invalid-component-type-1.5.json');
for (const f of [JUICE, NPM_ADVISORIES]) if (!fs.existsSync(f)) skip(`missing ${f}`);

const require = createRequire(path.join(webDir, 'package.json'));
const { chromium: pwChromium } = require('playwright-core');

const ADMIN_PASSWORD = 'e2e-admin-Passw0rd!';
const VIEWER_PASSWORD = 'e2e-viewer-Passw0rd!';
const XSS_IMG = '<img src=x onerror="window.__xss=1;alert(1)">';
const XSS_SCRIPT = '<script>window.__xss=2;alert(2)</script>';

let failures = 0;
let passed = 0;
function check(cond, what) {
  if (cond) {
    passed++;
    console.log(`  ok   ${what}`);
  } else {
    failures++;
    console.log(`  FAIL ${what}`);
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir, port) {
  const args = ['--data', dataDir, 'serve', '--listen', `127.0.0.1:${port}`, '--web', path.join(webDir, 'dist')];
  const log = fs.openSync(path.join(artifacts, 'server.log'), 'w');
  const child = spawn(bin, args, {
    env: { ...process.env, SBOMHUB_ADMIN_PASSWORD: ADMIN_PASSWORD, SBOMHUB_WEB_DIR: path.join(webDir, 'dist') },
    stdio: ['ignore', log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${artifacts}/server.log`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { child, base };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('server did not answer /healthz within 15 s');
}

function makeXssSbom() {
  // A valid CycloneDX 1.5 document made here (not copied from anywhere) whose names are markup.
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: { component: { type: 'application', name: `probe ${XSS_SCRIPT}`, version: '1.0.0', 'bom-ref': 'root' } },
    components: [
      { type: 'library', name: XSS_IMG, version: '1.0.0', purl: 'pkg:npm/xss-img@1.0.0', 'bom-ref': 'c1', licenses: [{ license: { name: XSS_SCRIPT } }] },
      { type: 'library', name: XSS_SCRIPT, version: '2.0.0', purl: 'pkg:npm/xss-script@2.0.0', 'bom-ref': 'c2' },
    ],
    dependencies: [{ ref: 'root', dependsOn: ['c1', 'c2'] }],
  });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Watches one page for CSP violations, uncaught errors and dialogs (alert = script ran). */
function watch(page, problems) {
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Only a confirmation the test announced (page.expectConfirm) is accepted; any other dialog
  // (an alert from injected script, say) is a problem.
  page.on('dialog', async (d) => {
    if (d.type() === 'confirm' && page.expectConfirm?.test(d.message())) {
      page.expectConfirm = undefined;
      await d.accept();
      return;
    }
    problems.push(`dialog opened: ${d.message()}`);
    await d.dismiss();
  });
}

async function signIn(page, base, user, password) {
  await page.goto(`${base}/`);
  await page.getByLabel(/User name|ユーザー名/).fill(user);
  await page.getByLabel(/^(Password|パスワード)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|サインイン)$/ }).click();
  await page.getByTestId('who').waitFor();
}

async function uploadSbom(page, base, { project, team, criticality, version, file, name, buffer }) {
  await page.goto(`${base}/#/upload`);
  await page.getByTestId('upload-project').selectOption(project ? { label: project } : '__new__');
  if (!project) {
    await page.getByTestId('new-project-name').fill(name);
    await page.getByTestId('new-project-team').selectOption({ label: team });
    await page.getByLabel(/Asset criticality|資産の重要度/).selectOption(criticality);
  }
  await page.getByTestId('upload-version').fill(version);
  if (buffer) {
    // Dropped onto the drop zone, as a user drags a file from the desktop.
    const dropped = await page.getByTestId('dropzone').evaluateHandle((zone, text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'sbom.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return true;
    }, buffer.toString('utf8'));
    await dropped.dispose();
    await page.getByTestId('chosen-file').waitFor();
  } else {
    await page.getByTestId('upload-file').setInputFiles(file);
  }
  await page.getByTestId('upload-submit').click();
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'sbomhub-web-e2e-'));
  // The vulnerability data is imported with the CLI, as an air-gapped site would.
  const imp = spawnSync(bin, ['--data', data, 'db', 'import', NPM_ADVISORIES, ...(fs.existsSync(KEV) ? [KEV] : [])], { encoding: 'utf8' });
  if (imp.status !== 0) throw new Error(`db import failed: ${imp.stderr}`);
  const port = await freePort();
  const { child, base } = await startServer(data, port);
  // The flow needs these routes; a server that lost one fails here, naming it.
  const paths = (await (await fetch(`${base}/api/openapi.json`)).json()).paths ?? {};
  const needed = [
    ['put', '/api/v1/projects/{project}/versions/{version}/sbom'],
    ['get', '/api/v1/projects/{project}/versions/{version}/findings'],
    ['put', '/api/v1/projects/{project}/analyses'],
    ['get', '/api/v1/projects/{project}/versions/{version}/vex'],
  ].filter(([m, p]) => !paths[p]?.[m]);
  if (needed.length) {
    child.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
    throw new Error(`the server does not answer ${needed.map(([m, p]) => `${m.toUpperCase()} ${p}`).join(', ')}`);
  }
  const browser = await pwChromium.launch({ executablePath: chromium, headless: process.env.SBOMHUB_E2E_HEADED !== '1' });
  const problems = [];
  try {
    const ctx = await browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    watch(page, problems);

    // The page itself: served with a strict CSP.
    const index = await page.goto(`${base}/`);
    const csp = index?.headers()['content-security-policy'] ?? '';
    console.log(`CSP header on /: ${csp || '(none; the page carries its own meta policy)'}`);
    check(/default-src 'self'/.test(csp) || (await page.locator('meta[http-equiv="Content-Security-Policy"]').count()) === 1, "a default-src 'self' CSP applies to the UI");

    console.log('sign in');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel(/^Password$/).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Wrong user name or password' });
    await refused.waitFor({ timeout: 15000 }).catch(() => undefined);
    check(await refused.isVisible(), 'a wrong password is refused in place');
    await signIn(page, base, 'admin', ADMIN_PASSWORD);
    check((await page.getByTestId('who').innerText()).includes('admin'), 'signed in as admin');
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    check(!/csrf|session|token|password/i.test(storage), 'nothing secret in localStorage/sessionStorage');
    const cookies = await ctx.cookies();
    const sc = cookies.find((c) => c.name === 'sbomhub_session');
    check(!!sc && sc.httpOnly && sc.sameSite === 'Strict', 'session cookie is HttpOnly and SameSite=Strict');

    console.log('administration: teams, a viewer in another team');
    await page.goto(`${base}/#/admin/teams`);
    for (const team of ['red', 'blue']) {
      await page.getByLabel('Team name').fill(team);
      await page.getByRole('button', { name: 'Create team' }).click();
      await page.getByRole('button', { name: team, exact: true }).waitFor();
    }
    await page.goto(`${base}/#/admin/users`);
    await page.getByLabel('User name').fill('vera');
    await page.getByLabel(/^Password$/).fill(VIEWER_PASSWORD);
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: 'vera', exact: true }).waitFor();
    await page.goto(`${base}/#/admin/teams`);
    await page.getByRole('button', { name: 'blue', exact: true }).click();
    await page.getByLabel('Add member').selectOption('vera');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: /^vera\b/ }).waitFor();
    check(true, 'teams red/blue and viewer vera (team blue) created through the admin pages');

    // A member added by mistake is removed again (after a confirmation), and the API agrees.
    await page.getByRole('button', { name: 'red', exact: true }).click();
    await page.getByLabel('Add member').selectOption('vera');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const removeVera = page.getByRole('button', { name: 'Remove vera from team red' });
    await removeVera.waitFor();
    page.expectConfirm = /^Remove vera from team red\?/;
    await removeVera.click();
    await removeVera.waitFor({ state: 'detached', timeout: 15000 }).catch(() => undefined);
    const redMembers = await page.evaluate(async () => (await fetch('/api/v1/teams/red/members')).json());
    check(
      !(await removeVera.isVisible()) && Array.isArray(redMembers.items) && !redMembers.items.some((m) => m.name === 'vera'),
      'a team member is removed from the admin page (gone from the list and from GET /teams/red/members)',
    );

    console.log('upload: an invalid document shows its diagnostics in place');
    if (fs.existsSync(INVALID)) {
      await uploadSbom(page, base, { name: 'broken', team: 'red', criticality: 'low', version: '0.1', file: INVALID });
      const diag = page.getByTestId('upload-diagnostics');
      await diag.waitFor({ timeout: 15000 }).catch(() => undefined);
      check(await diag.isVisible(), 'validation diagnostics are shown beside the form');
      await shot(page, 'upload-diagnostics');
    }

    console.log('upload: juice-shop 11.1.2 (CycloneDX, real) into team red');
    await uploadSbom(page, base, { name: 'juice-shop', team: 'red', criticality: 'high', version: '11.1.2', file: JUICE });
    await page.getByTestId('upload-done').waitFor({ timeout: 60000 });
    check(true, 'the SBOM was stored');
    await page.getByTestId('goto-version').click();

    console.log('findings appear (analysis runs in the background)');
    const versionBase = `${base}/#/projects/juice-shop/versions/11.1.2`;
    let rows = 0;
    for (let i = 0; i < 60 && rows === 0; i++) {
      await page.goto(`${versionBase}/vulnerabilities`);
      await page.reload();
      await page.waitForSelector('[data-testid="worklist"], .empty', { timeout: 10000 }).catch(() => undefined);
      rows = await page.locator('[data-testid="worklist"] tbody tr[data-vuln]').count();
      if (!rows) await page.waitForTimeout(1000);
    }
    check(rows > 0, `findings appear in the worklist (${rows})`);
    await shot(page, 'version-vulnerabilities');

    console.log('triage one finding');
    const first = page.locator('[data-testid="worklist"] tbody tr[data-vuln]').first();
    const vulnId = await first.getAttribute('data-vuln');
    await first.getByTestId('triage').click();
    const form = page.getByTestId('triage-form');
    await form.getByLabel('Analysis state').selectOption('not_affected');
    await form.getByLabel('Justification').selectOption('code_not_reachable');
    await form.getByLabel('Response').selectOption('will_not_fix');
    await form.getByLabel('Detail').fill('e2e: the vulnerable function is never called');
    await form.getByTestId('triage-save').click();
    await form.waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
    const triaged = page.locator(`[data-testid="worklist"] tbody tr[data-vuln="${vulnId}"]`).first();
    await triaged.getByText('Not affected').waitFor({ timeout: 10000 }).catch(() => undefined);
    check(await triaged.getByText('Not affected').isVisible(), `${vulnId} shows "Not affected" after triage`);
    await triaged.getByTestId('triage').click();
    const hist = page.getByTestId('history');
    await hist.locator('li').first().waitFor({ timeout: 10000 }).catch(() => undefined);
    const histText = await hist.innerText().catch(() => '');
    check(/admin/.test(histText) && /Not affected/.test(histText), 'the audit trail records who decided what');
    await shot(page, 'triage-dialog');
    await page.keyboard.press('Escape');

    console.log('bulk triage two findings');
    const others = page.locator(`[data-testid="worklist"] tbody tr[data-vuln]:not([data-vuln="${vulnId}"])`);
    const bulkIds = [await others.nth(0).getAttribute('data-vuln'), await others.nth(1).getAttribute('data-vuln')];
    await others.nth(0).getByRole('checkbox').check();
    await others.nth(1).getByRole('checkbox').check();
    await page.getByTestId('bulk-triage').click();
    const bulkForm = page.getByTestId('triage-form');
    await bulkForm.getByLabel('Analysis state').selectOption('exploitable');
    await bulkForm.getByLabel('Detail').fill('e2e: bulk');
    await bulkForm.getByTestId('triage-save').click();
    await bulkForm.waitFor({ state: 'detached', timeout: 15000 }).catch(() => undefined);
    await page.locator('[data-testid="worklist"] tbody tr[data-vuln]').filter({ hasText: 'Exploitable' }).first().waitFor({ timeout: 10000 }).catch(() => undefined);
    const want = new Map();
    for (const id of bulkIds) want.set(id, (want.get(id) ?? 0) + 1);
    for (const [id, n] of want) {
      const rows = page.locator(`[data-testid="worklist"] tbody tr[data-vuln="${id}"]`).filter({ hasText: 'Exploitable' });
      check((await rows.count()) >= n, `bulk triage marked ${n} row(s) of ${id} exploitable`);
    }

    console.log('export VEX');
    await page.goto(`${versionBase}/documents`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.getByTestId('vex-cyclonedx').click()]);
    const vexPath = path.join(artifacts, 'juice-shop-vex.cdx.json');
    await download.saveAs(vexPath);
    const vexText = fs.readFileSync(vexPath, 'utf8');
    check(vexText.includes(vulnId ?? '#') && /not_affected/.test(vexText), `the VEX export carries ${vulnId} as not_affected`);
    await shot(page, 'version-documents');

    console.log('import the exported VEX back (upload page, VEX)');
    await page.goto(`${base}/#/upload`);
    await page.getByRole('radio', { name: /VEX \(CycloneDX/ }).check();
    await page.getByTestId('upload-project').selectOption({ label: 'juice-shop' });
    await page.getByTestId('upload-file').setInputFiles(vexPath);
    await page.getByTestId('upload-submit').click();
    const vexDone = page.getByTestId('upload-done');
    await vexDone.waitFor({ timeout: 30000 }).catch(() => undefined);
    const vexMsg = await vexDone.innerText().catch(() => '');
    check(/^[1-9][\d,]* statements applied/.test(vexMsg), `the VEX re-import applies statements (${vexMsg.split('\n')[0]})`);

    const ready = { components: '[data-testid="component-count"]', graph: '.tree', licenses: '.vtable', quality: '.quality details' };
    for (const [tab, sel] of Object.entries(ready)) {
      await page.goto(`${versionBase}/${tab}`);
      await page.locator(sel).first().waitFor({ timeout: 30000 }).catch(() => undefined);
      check(await page.locator(sel).first().isVisible(), `the ${tab} tab renders`);
      await shot(page, `version-${tab}`);
    }
    const count = await page.goto(`${versionBase}/components`).then(() => page.getByTestId('component-count').innerText());
    check(/of [\d,]+ components/.test(count) && !/of 0 components/.test(count), `components tab lists the SBOM (${count})`);

    console.log('keyboard: components table and dependency tree');
    const grid = page.getByRole('grid', { name: 'Components' });
    const body = grid.locator('.vbody');
    await body.focus();
    const activeRow = () => grid.locator('[role="row"][aria-selected="true"]');
    await page.keyboard.press('End');
    const rowCount = Number(await grid.getAttribute('aria-rowcount'));
    const lastIndex = Number(await activeRow().getAttribute('aria-rowindex'));
    check(rowCount > 2 && lastIndex === rowCount, `End makes the last row active and scrolls to it (row ${lastIndex} of ${rowCount})`);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const secondIndex = Number(await activeRow().getAttribute('aria-rowindex'));
    const activeId = await activeRow().getAttribute('id');
    check(secondIndex === 3 && (await body.getAttribute('aria-activedescendant')) === activeId, 'Home then ArrowDown makes the second row active (aria-activedescendant follows)');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="paths"]').waitFor({ timeout: 30000 }).catch(() => undefined);
    check(page.url().includes('/graph?to='), 'Enter on a component row opens every path to it');
    if (vulnId) {
      await page.goto(`${base}/#/vulnerabilities/${encodeURIComponent(vulnId)}`);
      await page.getByTestId('affected').waitFor({ timeout: 30000 }).catch(() => undefined);
      check(await page.getByTestId('affected').getByRole('link', { name: 'juice-shop' }).isVisible(), `the ${vulnId} page lists juice-shop as affected`);
      await shot(page, 'vulnerability');
    }
    await page.goto(`${base}/#/`);
    await page.getByTestId('kpi-open').waitFor({ timeout: 30000 }).catch(() => undefined);
    const open = await page.getByTestId('kpi-open').innerText().catch(() => '');
    check(/^[1-9]/.test(open), `the dashboard counts open findings (${open})`);
    await shot(page, 'dashboard');
    await page.goto(`${base}/#/projects`);
    await page.getByTestId('projects-table').waitFor();
    await shot(page, 'projects');

    console.log('switch to Japanese');
    await page.getByTestId('lang').selectOption('ja');
    await page.goto(`${versionBase}/vulnerabilities`);
    await page.getByRole('link', { name: 'ダッシュボード' }).waitFor();
    check(await page.getByRole('link', { name: '脆弱性', exact: true }).isVisible(), 'Japanese tab label 脆弱性');
    check(await page.getByRole('button', { name: 'サインアウト', exact: true }).isVisible(), 'Japanese sign-out button');
    check((await page.evaluate(() => document.documentElement.lang)) === 'ja', '<html lang="ja">');
    await shot(page, 'version-vulnerabilities-ja');
    await page.getByTestId('lang').selectOption('en');

    console.log('an SBOM whose names are HTML/JS is shown as text');
    await uploadSbom(page, base, { name: 'xss-probe', team: 'red', criticality: 'low', version: '1', buffer: Buffer.from(makeXssSbom()) });
    await page.getByTestId('upload-done').waitFor({ timeout: 30000 });
    await page.goto(`${base}/#/projects/xss-probe/versions/1/components`);
    await page.getByTestId('component-count').waitFor();
    const table = page.getByRole('grid', { name: 'Components' });
    check(await table.getByText(XSS_IMG, { exact: true }).first().isVisible(), 'the <img onerror> name is visible as text in the table');
    check(await table.getByText(XSS_SCRIPT, { exact: true }).first().isVisible(), 'the <script> name is visible as text in the table');
    check((await table.getByText(`probe ${XSS_SCRIPT}`, { exact: true }).count()) === 1, 'the primary component named with a <script> is text too');
    // The dependency graph: "every path to this component" (root → c1), names still text.
    await page.goto(`${base}/#/projects/xss-probe/versions/1/graph?to=c1`);
    const pathItems = page.getByTestId('paths').locator('li.path');
    await pathItems.first().waitFor({ timeout: 30000 }).catch(() => undefined);
    const pathText = (await pathItems.allInnerTexts()).join(' | ');
    check((await pathItems.count()) === 1 && pathText.includes(`probe ${XSS_SCRIPT}`) && pathText.includes(XSS_IMG), `the one path to the <img> component is listed as text (${pathText})`);
    // The tree by keyboard (juice-shop's SBOM has no dependency graph; this one does).
    const tree = page.getByRole('tree');
    await tree.locator('[role="treeitem"]').first().waitFor({ timeout: 30000 });
    const focused = () => page.evaluate(() => ({ level: document.activeElement?.getAttribute('aria-level'), expanded: document.activeElement?.getAttribute('aria-expanded') }));
    await tree.locator('[role="treeitem"][tabindex="0"]').focus();
    // Walk down to the first node that has children, with the keyboard only.
    for (let i = 0; i < 50 && (await focused()).expanded !== 'false'; i++) await page.keyboard.press('ArrowDown');
    const rootWas = await focused();
    await page.keyboard.press('ArrowRight');
    const opened = await focused();
    await page.keyboard.press('ArrowRight');
    const child = await focused();
    await page.keyboard.press('ArrowLeft');
    const parent = await focused();
    check(
      rootWas.level === '1' && rootWas.expanded === 'false' && opened.expanded === 'true' && child.level === '2' && parent.level === '1',
      `tree keys: Down reaches a closed node, Right opens it, Right again enters its first child, Left returns to the parent (${JSON.stringify([rootWas, opened, child, parent])})`,
    );
    check((await tree.locator('[role="treeitem"][tabindex="0"]').count()) === 1, 'the tree is one tab stop (roving tabindex)');
    await page.getByRole('button', { name: 'Unfold these paths in the tree' }).click();
    check((await page.locator('.tree .onpath').count()) >= 2, 'unfolding the path highlights it in the tree');
    await shot(page, 'version-graph-paths');
    await page.goto(`${base}/#/projects/xss-probe/versions/1/licenses`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const injected = await page.evaluate(() => ({
      flag: (window).__xss ?? null,
      img: document.querySelectorAll('img[src="x"]').length,
      script: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
    }));
    check(injected.flag === null && injected.img === 0 && injected.script === 0, `nothing from the SBOM executed or became markup (${JSON.stringify(injected)})`);
    await shot(page, 'xss-probe');

    console.log('a viewer of another team cannot see the project');
    const vctx = await browser.newContext({ locale: 'ja-JP' });
    const vpage = await vctx.newPage();
    watch(vpage, problems);
    await signIn(vpage, base, 'vera', VIEWER_PASSWORD);
    check((await vpage.evaluate(() => document.documentElement.lang)) === 'ja', 'a ja-JP browser gets the Japanese UI by default');
    await vpage.goto(`${base}/#/projects`);
    await vpage.waitForLoadState('networkidle');
    check((await vpage.getByRole('link', { name: 'juice-shop' }).count()) === 0, 'juice-shop is not listed for vera');
    await vpage.goto(`${base}/#/projects/juice-shop`);
    await vpage.getByRole('alert').waitFor();
    check(/見つかりません/.test(await vpage.getByRole('alert').innerText()), 'opening juice-shop directly says not found');
    const direct = await vpage.request.get(`${base}/api/v1/projects/juice-shop/versions/11.1.2/components`);
    check(direct.status() === 404, `the API answers 404 to vera (${direct.status()})`);
    check((await vpage.getByRole('link', { name: '管理' }).count()) === 0, 'no administration link for a viewer');
    await shot(vpage, 'viewer-not-found');

    console.log('session end is noticed; sign out everywhere');
    await vctx.clearCookies();
    await vpage.goto(`${base}/#/projects`);
    await vpage.reload();
    await vpage.getByRole('button', { name: 'サインイン' }).waitFor();
    check(true, 'without a session the UI asks to sign in again');
    const other = await browser.newContext();
    const opage = await other.newPage();
    await signIn(opage, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/`);
    await page.getByTestId('signout-everywhere').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await opage.goto(`${base}/#/projects`);
    await opage.reload();
    await opage.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10000 }).catch(() => undefined);
    check(await opage.getByRole('button', { name: 'Sign in' }).isVisible(), "'sign out everywhere' ends the admin's other session too");

    check(problems.length === 0, `no CSP violation, page error or dialog${problems.length ? `: ${problems.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  failures++;
  console.log(`  FAIL ${e.stack ?? e}`);
}
console.log(`${passed} passed, ${failures} failed`);
console.log(`screenshots: ${artifacts}`);
process.exit(failures ? 1 : 0);

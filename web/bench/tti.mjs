// Time to interactive of the web UI in headless Chromium (playwright-core), against a real
// `sbomhub serve` on loopback with a temporary data directory. Not a test: it prints figures.
//
// For each page, RUNS navigations in one browser (the first one with an empty HTTP cache):
//   content      navigation start → the page's content is in the DOM (polled every animation frame)
//   interactive  … → the first frame after that in which the main thread is free again
//   baseline     the same browser fetching the page's API JSON alone (fetch + JSON parse), the
//                floor any UI on this API has to pay
// and, on the 10,000-component version page, two interactions: scrolling the virtualized table to
// its last row, and typing a filter.
//
// usage: node web/bench/tti.mjs --bin build/sbomhub --sbom synthetic-10k.json --shared ../shared/data
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const bin = path.resolve(arg('bin', 'build/sbomhub'));
const sbom = path.resolve(arg('sbom', ''));
const shared = path.resolve(arg('shared', '../shared/data'));
const runs = Number(arg('runs', process.env.RUNS ?? '5'));
const chromiumPath = process.env.SBOMHUB_CHROMIUM ?? '/usr/bin/chromium';
const { chromium } = createRequire(path.join(webDir, 'package.json'))('playwright-core');
const PASSWORD = 'bench-admin-Passw0rd!';

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  async call(method, p, body, type = 'application/json') {
    const headers = { Cookie: this.cookie };
    if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
    if (body !== undefined) headers['Content-Type'] = type;
    const r = await fetch(`${this.base}${p}`, { method, headers, body: typeof body === 'string' || Buffer.isBuffer(body) ? body : body && JSON.stringify(body) });
    const setCookie = r.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs) => (xs.length ? `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})` : 'n/a');

async function measure(page, url, readySelector) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((sel) => !!document.querySelector(sel), readySelector, { polling: 'raf', timeout: 60000 });
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const content = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve({ content, interactive: performance.now() }), 0));
      }),
  );
}

// Fetches what the page fetches, the way web/src/api.ts does: plain JSON documents in parallel, and
// paged lists (`{items, total|has_more}`, 1,000 rows a page) first page first, then 4 pages at a time.
async function baseline(page, urls) {
  return page.evaluate(async (us) => {
    const getAll = async (u) => {
      const sep = u.includes('?') ? '&' : '?';
      const j = async (off) => (await fetch(`${u}${sep}limit=1000&offset=${off}`)).json();
      const first = await j(0);
      let n = first.items.length;
      let more = first.has_more ?? n < (first.total ?? 0);
      while (more) {
        const batch = await Promise.all([0, 1, 2, 3].map((i) => j(n + i * 1000)));
        for (const p of batch) {
          n += p.items.length;
          if (!(p.has_more ?? n < (p.total ?? 0)) || p.items.length < 1000) {
            more = false;
            break;
          }
        }
      }
      return n;
    };
    const t0 = performance.now();
    await Promise.all(us.map((u) => (u.startsWith('list:') ? getAll(u.slice(5)) : fetch(u).then((r) => r.json()))));
    return performance.now() - t0;
  }, urls);
}

// Signs in in a new context, then measures both pages and the big table's interactions.
async function measureAll(browser, base, extraHTTPHeaders) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, extraHTTPHeaders });
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel(/^Password$/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();

  const targets = [
    { name: 'dashboard', url: `${base}/#/`, ready: '[data-testid="dashboard"]', api: ['/api/v1/session', '/api/v1/dashboard'] },
    {
      name: 'version page, 10,000 components',
      url: `${base}/#/projects/bench-10k/versions/1.0/components`,
      ready: '.vtable .vspacer .vrow',
      api: ['/api/v1/session', 'list:/api/v1/projects/bench-10k/versions/1.0/components'],
    },
  ];
  for (const tg of targets) {
    const content = [];
    const interactive = [];
    const base_ = [];
    let first;
    for (let i = 0; i < runs; i++) {
      try {
        const m = await measure(page, tg.url, tg.ready);
        if (i === 0) first = m;
        content.push(m.content);
        interactive.push(m.interactive);
      } catch (e) {
        console.log(`  ${tg.name}: page did not become ready (${e.message.split('\n')[0]})`);
        break;
      }
      base_.push(await baseline(page, tg.api));
    }
    console.log(`${tg.name}:`);
    if (first) console.log(`  first visit     content ${first.content.toFixed(0)} ms, interactive ${first.interactive.toFixed(0)} ms`);
    console.log(`  content         ${fmt(content)}`);
    console.log(`  interactive     ${fmt(interactive)}`);
    console.log(`  baseline (API JSON fetch + parse alone: ${tg.api.join(' + ')})  ${fmt(base_)}`);
  }

  // Interactions on the big table.
  await page.goto(targets[1].url);
  await page.locator('.vtable .vspacer .vrow').first().waitFor({ timeout: 120000 });
  const scroll = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const body = document.querySelector('.vbody');
        const t0 = performance.now();
        body.scrollTop = body.scrollHeight;
        const last = document.querySelector('.vtable').getAttribute('aria-rowcount');
        const tick = () => (document.querySelector(`.vrow[aria-rowindex="${last}"]`) ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
  );
  const input = page.getByTestId('component-filter');
  const before = await page.getByTestId('component-count').innerText();
  const t1 = Date.now();
  await input.fill('lodash');
  await page.waitForFunction((b) => document.querySelector('[data-testid="component-count"]')?.textContent !== b, before, { polling: 'raf' });
  const filterMs = Date.now() - t1;
  console.log(`version page interactions: scroll to row 10,000 rendered in ${scroll.toFixed(0)} ms; filter "lodash" applied in ${filterMs} ms (${await page.getByTestId('component-count').innerText()})`);
  await ctx.close();
}

async function main() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'sbomhub-bench-web-'));
  spawnSync(bin, ['--data', data, 'db', 'import', path.join(shared, 'npm-advisories-nodejs-security-wg'), path.join(shared, 'cisa-kev')], { stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin, ['--data', data, 'serve', '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, SBOMHUB_ADMIN_PASSWORD: PASSWORD, SBOMHUB_WEB_DIR: path.join(webDir, 'dist') },
    stdio: 'ignore',
  });
  let browser;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not yet */
      }
      if (i > 150) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const api = new Client(base);
    const s = await api.call('POST', '/api/v1/session', { username: 'admin', password: PASSWORD });
    api.csrf = s.csrf_token;
    await api.call('POST', '/api/v1/teams', { name: 'bench' });
    await api.call('POST', '/api/v1/projects', { name: 'bench-10k', team: 'bench', criticality: 'high' });
    await api.call('POST', '/api/v1/projects', { name: 'juice-shop', team: 'bench', criticality: 'medium' });
    const t0 = performance.now();
    await api.call('PUT', '/api/v1/projects/bench-10k/versions/1.0/sbom', fs.readFileSync(sbom), 'application/json');
    console.log(`upload of ${path.basename(sbom)} (${(fs.statSync(sbom).size / 1048576).toFixed(1)} MiB): ${(performance.now() - t0).toFixed(0)} ms`);
    await api.call('PUT', '/api/v1/projects/juice-shop/versions/11.1.2/sbom', fs.readFileSync(path.join(shared, 'cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.json')), 'application/json');
    for (let i = 0; i < 600; i++) {
      const jobs = await api.call('GET', '/api/v1/jobs?limit=100').catch(() => ({ items: [] }));
      if (!(jobs.items ?? []).some((j) => j.state === 'queued' || j.state === 'running')) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    browser = await chromium.launch({ executablePath: chromiumPath });
    console.log(`headless Chromium ${browser.version()}, ${runs} runs each (run 1 with a cold HTTP cache)`);
    // Stock Chromium offers br; the second pass asks for gzip/deflate only, to separate the
    // server's response compression from the UI's own cost.
    for (const [label, headers] of [
      ['Accept-Encoding as Chromium sends it (gzip, deflate, br, zstd)', undefined],
      ['Accept-Encoding: gzip, deflate', { 'Accept-Encoding': 'gzip, deflate' }],
    ]) {
      console.log(`== ${label}`);
      await measureAll(browser, base, headers);
    }
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
  }
}

await main();

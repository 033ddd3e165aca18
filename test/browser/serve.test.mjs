// Browser test of `newsfuse serve` in headless Chromium, driven by playwright-core.
//
// usage: node serve.test.mjs NEWSFUSE CHROMIUM ARTIFACT_DIR   (run.sh finds the last two)
//
// Builds a fresh store from examples/ plus test/browser/hostile.html (an invented page whose
// title and body carry <script>alert(1)</script> and "><img src=x onerror=alert(1)>), starts
// the server on a free loopback port, then walks the app as a reader does: story list, a
// story (claims, disagreements, a source mark), search, an entity, an article with its
// removed pieces; then opens the hostile article in every view and the API. Any dialog, page
// error or CSP violation fails the test. Screenshots go to ARTIFACT_DIR.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const [nf, chrome, artifacts] = process.argv.slice(2);
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

let failures = 0;
function check(cond, what) {
  if (cond) {
    console.log(`ok   ${what}`);
  } else {
    failures++;
    console.log(`FAIL ${what}`);
  }
}

fs.mkdirSync(artifacts, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nf-browser-'));
const db = path.join(tmp, 'test.db');
const inputs = path.join(tmp, 'in');
fs.mkdirSync(inputs);
for (const f of fs.readdirSync(path.join(root, 'examples'))) {
  if (f.endsWith('.txt') || f.endsWith('.html'))
    fs.copyFileSync(path.join(root, 'examples', f), path.join(inputs, f));
}
fs.copyFileSync(path.join(here, 'hostile.html'), path.join(inputs, 'hostile.html'));
execFileSync(nf, ['ingest', '--db', db, inputs], { stdio: ['ignore', 'ignore', 'inherit'] });

// the server, on a port the kernel picks; its first stdout line names the URL
const server = spawn(nf, ['serve', '--db', db, '--bind', '127.0.0.1', '--port', '0', '--threads', '2'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });
const base = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('server did not start: ' + serverLog)), 15000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) {
      clearTimeout(timer);
      resolve(m[0]);
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${serverLog}`)));
});
console.log(`server at ${base}`);

const browser = await chromium.launch({ executablePath: chrome, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  const problems = [];
  page.on('dialog', async (d) => {
    problems.push(`dialog fired: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // the 404/400 pages asked for on purpose below log "Failed to load resource"
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${m.text()}`);
  });
  const shot = async (name) => {
    await page.screenshot({ path: path.join(artifacts, name + '.png'), fullPage: true });
  };
  const bodyText = () => page.locator('body').innerText();

  // 1. the story list, newest first
  let r = await page.goto(base);
  check(r.status() === 200, 'story list answers 200');
  const stories = page.locator('ol.stories > li.story');
  check(await stories.count() >= 4, `story list shows the stories (${await stories.count()})`);
  check(await page.locator('li.story .outlets').first().isVisible(), 'story list shows outlet counts');
  await shot('01-story-list');

  // 2. click into the biggest story (the tanker grounding, five outlets)
  await page.locator('li.story h2 a', { hasText: 'tanker' }).first().click();
  await page.waitForLoadState();
  check(/\/stories\//.test(page.url()), `clicked into a story (${page.url()})`);
  const claims = page.locator('table.claims tbody tr');
  check(await claims.count() > 0, `story shows its claims (${await claims.count()} rows)`);
  check(await page.locator('table.claims .badge.ok').count() > 0, 'a claim is badged corroborated');
  const dis = page.locator('section.disagreements .dis');
  check(await dis.count() > 0, `story shows its disagreements (${await dis.count()})`);
  check(await dis.first().locator('.side').count() >= 2, 'a disagreement shows its sides side by side');
  check(await page.locator('ol.tl li').count() > 0, 'story shows a timeline');
  check(await page.locator('dl.quotes dt').count() > 0, 'story shows quotes by speaker');
  // a source mark opens and shows the sentence it rests on
  const mark = page.locator('ol.sum details.src').first();
  await mark.locator('summary').click();
  check(await mark.locator('.pop blockquote').isVisible(), 'a source mark reveals the sentence it rests on');
  await shot('02-story');

  // 3. an article of the story, with its removed pieces on demand
  await page.locator('ol.arts a[href^="/articles/"]').first().click();
  await page.waitForLoadState();
  check(/\/articles\//.test(page.url()), 'opened an article from the story');
  const removed = page.locator('details.removed');
  if (await removed.count()) {
    check(!(await removed.locator('ol').isVisible()), 'removed pieces are hidden at first');
    await removed.locator('summary').click();
    check(await removed.locator('ol').isVisible(), 'removed pieces show on demand, with reasons');
  } else {
    check(false, 'the article lists its removed pieces');
  }
  await shot('03-article');

  // 4. search through the form in the header
  await page.goto(base);
  await page.fill('form.find input[name=q]', 'diesel');
  await page.press('form.find input[name=q]', 'Enter');
  await page.waitForLoadState();
  check(/\/search\?q=diesel/.test(page.url()), 'search form submits to /search?q=');
  const hits = page.locator('ol.hits > li');
  check(await hits.count() > 0, `search finds results (${await hits.count()})`);
  await shot('04-search');

  // 5. an entity page from a story
  await page.goto(base);
  await page.locator('li.story h2 a', { hasText: 'tanker' }).first().click();
  await page.waitForLoadState();
  await page.locator('dl.quotes dt a').first().click();
  await page.waitForLoadState();
  check(/\/entities\//.test(page.url()), `opened an entity (${page.url()})`);
  check(await page.locator('ul.hits li').count() > 0, 'entity page lists its stories');
  await shot('05-entity');

  // 6. the hostile page in every view
  const assertText = async (view) => {
    const t = await bodyText();
    for (const h of HOSTILE) check(t.includes(h), `${view}: ${h} shows as text`);
    check(await page.locator('img').count() === 0, `${view}: no <img> element was injected`);
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    check(scripts.every((s) => s === '/static/app.js'), `${view}: no script but /static/app.js`);
  };
  await page.goto(base);
  await assertText('story list');
  await shot('06-hostile-list');
  await page.locator('li.story h2 a', { hasText: 'Velmont' }).first().click();
  await page.waitForLoadState();
  await assertText('story page');
  await shot('07-hostile-story');
  await page.locator('ol.arts a[href="/articles/hostile"]').click();
  await page.waitForLoadState();
  await assertText('article page');
  check(await page.locator('a[href^="javascript:"]').count() === 0, 'article page: no javascript: link');
  await shot('08-hostile-article');
  await page.goto(base + 'search?q=' + encodeURIComponent('Velmont'));
  await assertText('search results');
  await page.goto(base + 'search?q=' + encodeURIComponent(HOSTILE[1]));
  check(await page.locator('form.find input[name=q]').inputValue() === HOSTILE[1],
    'search page: a hostile query stays inside the input value');
  check(await page.locator('img').count() === 0, 'search page: hostile query injects nothing');
  await shot('09-hostile-search');
  await page.goto(base + 'entities/' + encodeURIComponent('Ilse Brandvold'));
  check((await bodyText()).includes(HOSTILE[1]), 'entity page: the hostile quote shows as text');
  check((await bodyText()).includes(HOSTILE[0]), 'entity page: the hostile headline shows as text');
  check(await page.locator('img').count() === 0, 'entity page: no <img> element was injected');
  await shot('10-hostile-entity');
  for (const api of ['api/stories', 'api/articles/hostile', 'api/search?q=Velmont']) {
    r = await page.goto(base + api);
    check(r.headers()['content-type'].startsWith('application/json'), `${api}: served as JSON`);
    check(r.headers()['x-content-type-options'] === 'nosniff', `${api}: nosniff`);
    const raw = await r.text();
    check(!raw.includes('</script>'), `${api}: '</' is escaped in the JSON text`);
    const parsed = JSON.stringify(JSON.parse(raw));
    check(HOSTILE.every((h) => parsed.includes(JSON.stringify(h).slice(1, -1))) ||
          api === 'api/search?q=Velmont', `${api}: the strings survive as data`);
    check(await page.locator('img').count() === 0, `${api}: nothing rendered from the JSON`);
  }
  await shot('11-hostile-api');
  // a story page of the hostile story via the API-found id
  const storyId = JSON.parse(await (await page.goto(base + 'api/articles/hostile')).text()).story;
  r = await page.goto(base + 'api/stories/' + encodeURIComponent(storyId));
  check(r.status() === 200 && (await r.text()).includes('onerror=alert(1)'), 'api/stories/{id}: hostile story as data');

  // errors are clear
  r = await page.goto(base + 'stories/no-such-story');
  check(r.status() === 404, 'unknown story: 404 page');
  r = await page.goto(base + 'api/stories/no-such-story');
  check(r.status() === 404 && JSON.parse(await r.text()).error.status === 404, 'unknown story in the API: 404 JSON');
  r = await page.goto(base + 'api/stories?since=yesterday');
  check(r.status() === 400, 'bad filter: 400');

  // 7. without JavaScript: the marks, removed pieces, search form and links still work
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
  const p2 = await nojs.newPage();
  await p2.goto(base);
  await p2.locator('li.story h2 a', { hasText: 'tanker' }).first().click();
  await p2.waitForLoadState();
  const m2 = p2.locator('ol.sum details.src').first();
  await m2.locator('summary').click();
  check(await m2.locator('.pop').isVisible(), 'without JavaScript: a source mark still opens');
  await p2.locator('ol.arts a[href^="/articles/"]').first().click();
  await p2.waitForLoadState();
  await p2.locator('details.removed summary').click();
  check(await p2.locator('details.removed ol').isVisible(), 'without JavaScript: removed pieces still open');
  await p2.fill('form.find input[name=q]', 'bridge');
  await p2.press('form.find input[name=q]', 'Enter');
  await p2.waitForLoadState();
  check(await p2.locator('ol.hits > li').count() > 0, 'without JavaScript: search works');
  await p2.screenshot({ path: path.join(artifacts, '12-no-javascript-search.png'), fullPage: true });
  await nojs.close();

  // 8. nothing fired anywhere
  await page.waitForTimeout(300);
  check(problems.length === 0, `no dialog, page error or CSP violation${problems.length ? ': ' + problems.join('; ') : ''}`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e.stack || e}`);
  if (page) await page.screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((res) => server.on('exit', res));
  fs.writeFileSync(path.join(artifacts, 'server.log'), serverLog);
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${artifacts}`);
console.log(failures ? `${failures} checks failed` : 'all checks passed');
process.exit(failures ? 1 : 0);

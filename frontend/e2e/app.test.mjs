// End-to-end tests: the real server (KITH_BIN) with demo data, driven
// through the system's Chromium with playwright-core. Run: npm run e2e
//
// Environment:
//   KITH_BIN  the built server binary (default: ../bin/kith)
//   CHROMIUM  the browser to drive (default: `command -v chromium`)
import assert from 'node:assert/strict';
import { execFile, execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

const KITH_BIN = resolve(process.env.KITH_BIN || join(here, '..', '..', 'bin', 'kith'));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const STAFF = { email: 'staff@example.com', password: `staff-${Math.random().toString(36).slice(2)}-pw` };
const ADMIN = { email: 'admin-e2e@example.com', password: `admin-${Math.random().toString(36).slice(2)}-pw` };
const MANAGER = { email: 'manager@example.com', password: `manager-${Math.random().toString(36).slice(2)}-pw`, name: 'Manager E2E' };
const STEP = 10_000; // one UI expectation
const TEST_TIMEOUT = 60_000;

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execSync('command -v chromium', { shell: '/bin/sh', encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    throw new Error('Chromium not found: install it or set CHROMIUM to its path');
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// ---------------------------------------------------------------------------
// The server

let workDir;
let server;
let serverLog = [];
let baseURL;

function env() {
  return { ...process.env, KITH_DATA_DIR: join(workDir, 'data'), KITH_ENV: 'development', KITH_ADDR: '127.0.0.1:0' };
}

async function kith(args, timeout = 60_000) {
  try {
    return await run(KITH_BIN, args, { env: env(), timeout, maxBuffer: 10 << 20 });
  } catch (err) {
    throw new Error(`kith ${args[0]} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

function startServer(timeout = 30_000) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(KITH_BIN, ['serve'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    const keep = (chunk) => {
      serverLog.push(...chunk.toString().split('\n').filter(Boolean));
      if (serverLog.length > 400) serverLog = serverLog.slice(-400);
    };
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeout} ms\n${serverLog.join('\n')}`)), timeout);
    let buf = '';
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      buf += chunk.toString();
      const m = /Kith is running at (http:\/\/\S+?)\/?(?:\s|$)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1].replace(/\/?$/, '/'));
      }
    });
    child.stderr.on('data', keep);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code ?? signal})\n${serverLog.join('\n')}`));
    });
  });
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
}

// Never leave a server behind, even if the runner is interrupted.
process.on('exit', () => server?.kill('SIGKILL'));

/** A GraphQL request as an app would make it: bearer token, no cookies. */
async function gql(query, variables = {}, token) {
  const res = await fetch(new URL('query', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(STEP),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// ---------------------------------------------------------------------------
// The browser: each test gets its own Chromium with a fresh profile.

let shotsDir;

async function withBrowser(name, fn) {
  const profile = await mkdtemp(join(workDir, `profile-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(STEP);
  context.setDefaultNavigationTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  try {
    await fn(page);
    assert.deepEqual(problems.filter((p) => p.startsWith('page error')), [], 'the page threw');
  } catch (err) {
    shotsDir ??= await mkdtemp(join(tmpdir(), 'kith-e2e-shots-'));
    const shot = join(shotsDir, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 }).catch(() => {});
    console.error(`[e2e] ${name} failed; screenshot: ${shot}`);
    if (problems.length) console.error(`[e2e] browser said:\n  ${problems.join('\n  ')}`);
    console.error(`[e2e] last server lines:\n  ${serverLog.slice(-30).join('\n  ')}`);
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Several browser contexts at once (separate cookies: separate people) in
 * one Chromium. On failure every page is screenshotted.
 */
async function withContexts(name, viewports, fn) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  const problems = [];
  const pages = [];
  try {
    for (const [i, viewport] of viewports.entries()) {
      const context = await browser.newContext({ locale: 'en-US', viewport, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
      context.setDefaultTimeout(STEP);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`[${i}] page error: ${err.message}`));
      page.on('console', (msg) => msg.type() === 'error' && problems.push(`[${i}] console: ${msg.text()}`));
      pages.push(page);
    }
    await fn(...pages);
    assert.deepEqual(problems.filter((p) => p.includes('page error')), [], 'a page threw');
  } catch (err) {
    shotsDir ??= await mkdtemp(join(tmpdir(), 'kith-e2e-shots-'));
    for (const [i, page] of pages.entries()) {
      const shot = join(shotsDir, `${name}-${i}.png`);
      await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 }).catch(() => {});
      console.error(`[e2e] ${name} failed; screenshot: ${shot}`);
    }
    if (problems.length) console.error(`[e2e] browser said:\n  ${problems.join('\n  ')}`);
    console.error(`[e2e] last server lines:\n  ${serverLog.slice(-30).join('\n  ')}`);
    throw err;
  } finally {
    await browser.close().catch(() => {});
  }
}

async function logInAs(page, email, password) {
  await page.goto(new URL('login', baseURL).href);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Boards' }).waitFor();
}

async function signUpByAPI(name) {
  const email = `${name.toLowerCase().replace(/\W+/g, '')}-${unique()}@example.com`;
  const password = `${name}-password-1`;
  const { signUp } = await gql(
    `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id member { id handle } } } }`,
    { input: { email, password, name } },
  );
  return { email, password, token: signUp.token, member: signUp.user.member };
}


/** The token of the last mailed link to `path` for `email`, from the server's log (mail is logged without SMTP). */
async function mailedToken(email, path, timeout = STEP) {
  const re = new RegExp(`${escapeRe(path)}\\?token=([A-Za-z0-9._~%-]+)`);
  const deadline = Date.now() + timeout;
  for (;;) {
    const line = [...serverLog].reverse().find((l) => l.includes(email) && re.test(l));
    if (line) return decodeURIComponent(re.exec(line)[1]);
    if (Date.now() > deadline) throw new Error(`no ${path} mail to ${email} in the server log`);
    await sleep(100);
  }
}

/**
 * A member who signed up (address not yet verified) and has one order in
 * CNY, entered by the manager through the API. Shared by the tests below.
 */
let shopperPromise;
function shopper() {
  shopperPromise ??= (async () => {
    const tag = unique();
    const name = `Shopper 顾客 ${tag}`;
    const member = await signUpByAPI(name);
    const manager = (await gql(`mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, { e: MANAGER.email, p: MANAGER.password })).logIn;
    const { customers } = await gql(`query ($e: String!) { customers(first: 1, where: { emailEqualFold: $e }) { edges { node { id } } } }`, { e: member.email }, manager.token);
    const customerId = customers.edges[0]?.node.id;
    assert.ok(customerId, 'sign-up made a customer file');
    await gql(
      `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`,
      { input: { source: 'e2e', externalID: `E2E-${tag}`, amount: 123456, costToServe: 20000, currency: 'CNY', channel: 'web', productCategory: 'Tea', customerID: customerId } },
      manager.token,
    );
    return { ...member, name, tag, customerId };
  })();
  return shopperPromise;
}

/** From the customers table to one customer's page, as a user would. */
async function openCustomerFromTable(page, who) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await page.getByRole('searchbox', { name: 'Filter by name or email' }).fill(who.tag);
  await page.getByRole('table').getByRole('link', { name: who.name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: who.name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/customers/${who.customerId}`);
}

// ---------------------------------------------------------------------------

describe('Kith in a browser', { timeout: 150_000 }, () => {
  before(
    async () => {
      if (!existsSync(KITH_BIN)) throw new Error(`KITH_BIN not found: ${KITH_BIN} (build the server first)`);
      workDir = await mkdtemp(join(tmpdir(), 'kith-e2e-'));
      await kith(['seed'], 90_000);
      await kith(['user', 'create', '--email', STAFF.email, '--password', STAFF.password, '--role', 'marketer', '--name', 'Staff E2E']);
      await kith(['user', 'create', '--email', MANAGER.email, '--password', MANAGER.password, '--role', 'manager', '--name', MANAGER.name]);
      await kith(['user', 'create', '--email', ADMIN.email, '--password', ADMIN.password, '--role', 'admin', '--name', 'Admin E2E']);
      baseURL = await startServer();
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await stopServer();
    if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => {});
  });

  test('a new post by another member appears live on the board', { timeout: TEST_TIMEOUT }, async () => {
    // The other member works through the API only.
    const poster = (
      await gql(
        `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
        { input: { email: `poster-${unique()}@example.com`, password: 'poster-password-1', name: 'Poster 發帖人' } },
      )
    ).signUp;
    assert.ok(poster.token, 'signUp returns a token');
    const { boards } = await gql(`{ boards(first: 50) { edges { node { id name postAccess readAccess } } } }`, {}, poster.token);
    const board = boards.edges.map((e) => e.node).find((b) => b.postAccess === 'MEMBERS' && b.readAccess !== 'STAFF');
    assert.ok(board, 'a board members may post on');

    await withBrowser('member-live-post', async (page) => {
      const email = `member-${unique()}@example.com`;
      await page.goto(new URL('signup', baseURL).href);
      await page.getByLabel('Name').fill('Mei 小美');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill('member-password-1');
      await page.getByRole('button', { name: 'Sign up' }).click();

      await page.getByRole('heading', { level: 1, name: 'Boards' }).waitFor();
      await page.getByTestId('account-name').filter({ hasText: 'Mei 小美' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      assert.equal(await nav.getByRole('link', { name: 'Customers' }).count(), 0, 'members see no customers link');

      await page.getByRole('link', { name: board.name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: board.name }).waitFor();
      await page.locator('.live[data-status="connected"]').waitFor();
      await page.evaluate(() => {
        window.__sameDocument = true;
      });
      await sleep(300); // let the server register the subscription

      const title = `Live over HTTP ${unique()}`;
      const body = 'Hello <b>there</b>\nsecond line';
      await gql(
        `mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }`,
        { input: { boardId: board.id, title, body, tags: ['e2e'] } },
        poster.token,
      );
      const article = page.getByRole('article', { name: new RegExp(escapeRe(title)) });
      await article.waitFor({ timeout: 15_000 });
      assert.ok((await article.textContent()).includes('Hello <b>there</b>'), 'the body is shown as text');
      assert.equal(await article.locator('b').count(), 0, 'no HTML from a post body');
      assert.ok((await article.textContent()).includes('Poster 發帖人'));
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');

      // The member's own post, through the composer.
      const mine = `My first post ${unique()}`;
      await page.getByLabel('Title').fill(mine);
      await page.getByLabel('Message').fill('你好，大家好！');
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.getByRole('article', { name: new RegExp(escapeRe(mine)) }).waitFor();
      const titles = await page.locator('article h3').allTextContents();
      assert.equal(titles.filter((t) => t.includes(mine)).length, 1, 'own post listed once');
      assert.ok(titles[0].includes(mine) && titles[1].includes(title), 'newest first');
    });
  });

  test('a comment appears live for another member; reactions toggle', { timeout: TEST_TIMEOUT }, async () => {
    const ann = await signUpByAPI('Ann');
    const ben = await signUpByAPI('Ben');
    const { boards } = await gql(`{ boards(first: 50) { edges { node { id name postAccess readAccess } } } }`, {}, ann.token);
    const board = boards.edges.map((e) => e.node).find((b) => b.postAccess === 'MEMBERS' && b.readAccess !== 'STAFF');
    assert.ok(board, 'a board members may post on');
    const title = `Threads ${unique()}`;
    const { createPost: post } = await gql(
      `mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }`,
      { input: { boardId: board.id, title, body: 'Some **bold** words <script>window.__xss = 1</script>' } },
      ann.token,
    );
    const postURL = new URL(`posts/${post.id}`, baseURL).href;

    // Ann on a desktop, Ben on a phone: separate contexts, separate sessions.
    await withContexts('live-comments', [{ width: 1280, height: 900 }, { width: 390, height: 844 }], async (annPage, benPage) => {
      await Promise.all([logInAs(annPage, ann.email, ann.password), logInAs(benPage, ben.email, ben.password)]);

      // Ben opens the post from the board list.
      await benPage.goto(new URL(`boards/${board.id}`, baseURL).href);
      await benPage.getByRole('link', { name: title, exact: true }).click();
      await benPage.getByRole('heading', { level: 1, name: title }).waitFor();
      await annPage.goto(postURL);
      await annPage.getByRole('heading', { level: 1, name: title }).waitFor();

      // The body is the server's sanitised HTML: Markdown applied, no script.
      const body = benPage.locator('.post-body-full');
      assert.equal(await body.locator('strong').textContent(), 'bold');
      assert.equal(await body.locator('script').count(), 0);
      assert.equal(await benPage.evaluate(() => window.__xss), undefined);

      await Promise.all([annPage, benPage].map((p) => p.locator('.live[data-status="connected"]').waitFor()));
      await benPage.evaluate(() => {
        window.__sameDocument = true;
      });
      await sleep(300); // let the server register the subscriptions

      // Reactions: Ben likes the post, then takes it back.
      const bar = benPage.locator('.post-full').getByRole('group', { name: 'Reactions' });
      await bar.getByRole('button', { name: 'Like: 0' }).click();
      const liked = bar.getByRole('button', { name: 'Like: 1' });
      await liked.waitFor();
      assert.equal(await liked.getAttribute('aria-pressed'), 'true');
      const counts = async () =>
        (await gql(`query ($id: ID!) { node(id: $id) { ... on Post { reactions { counts { kind count } viewerReactions } } } }`, { id: post.id }, ben.token)).node
          .reactions;
      assert.deepEqual(await counts(), { counts: [{ kind: 'LIKE', count: 1 }], viewerReactions: ['LIKE'] });
      await liked.click();
      await bar.getByRole('button', { name: 'Like: 0', pressed: false }).waitFor();
      assert.deepEqual(await counts(), { counts: [], viewerReactions: [] });

      // Ann comments; Ben sees it arrive without reloading.
      const text = `First! ${unique()}`;
      await annPage.getByLabel('Your comment').fill(text);
      await annPage.getByRole('button', { name: 'Comment', exact: true }).click();
      await annPage.locator('.comment', { hasText: text }).waitFor();
      const arrived = benPage.locator('.comment', { hasText: text });
      await arrived.waitFor({ timeout: 15_000 });
      assert.equal(await benPage.locator('.comment', { hasText: text }).count(), 1);
      assert.equal(await benPage.evaluate(() => window.__sameDocument), true, 'Ben’s page was not reloaded');
      await benPage.getByTestId('comment-count').filter({ hasText: '1 comment' }).waitFor();

      // Ben replies; Ann sees the reply live, nested under her comment.
      const reply = `Welcome ${unique()}`;
      await arrived.getByRole('button', { name: 'Reply to Ann' }).click();
      await benPage.getByRole('textbox', { name: 'Reply to Ann' }).fill(reply);
      await benPage.getByRole('button', { name: 'Reply', exact: true }).click();
      await benPage.locator('.comment', { hasText: reply }).waitFor();
      const nested = annPage.locator('.comment-item', { hasText: text }).locator('.comment-replies .comment', { hasText: reply });
      await nested.waitFor({ timeout: 15_000 });
      // …and her bell counts the reply, live.
      await annPage.getByRole('button', { name: 'Notifications (1 unread)' }).waitFor({ timeout: 15_000 });

      // The phone layout does not scroll sideways.
      const overflow = await benPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);
    });
  });

  test('staff see the customers table, page through it and filter it', { timeout: TEST_TIMEOUT }, async () => {
    await withBrowser('staff-customers', async (page) => {
      await page.goto(new URL('login', baseURL).href);
      await page.getByLabel('Email').fill(STAFF.email);
      await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Boards' }).waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
      const table = page.getByRole('table');
      await table.waitFor();
      const names = () => table.locator('tbody th[scope="row"]').allTextContents();
      const status = page.locator('.pager-status');
      await status.filter({ hasText: /^Showing 1–20 of \d+$/ }).waitFor();
      const firstPage = await names();
      assert.equal(firstPage.length, 20);

      await page.getByRole('button', { name: /Next/ }).click();
      await status.filter({ hasText: /^Showing 21–40 of/ }).waitFor();
      const secondPage = await names();
      assert.equal(secondPage.length, 20);
      assert.notDeepEqual(secondPage, firstPage, 'a different page');

      await page.getByRole('button', { name: /Previous/ }).click();
      await status.filter({ hasText: /^Showing 1–20 of/ }).waitFor();
      assert.deepEqual(await names(), firstPage);

      // Filter by a name from the second page (so the first page changes).
      const target = secondPage.find((n) => /\p{Script=Han}/u.test(n)) ?? secondPage[0];
      const term = target.slice(0, Math.min(target.length, 6)).trim();
      await page.getByRole('searchbox', { name: 'Filter by name or email' }).fill(term);
      await page.waitForFunction(
        ([t, name]) => {
          if (document.querySelector('.table-wrap[aria-busy="true"]')) return false;
          const rows = [...document.querySelectorAll('tbody tr')];
          return (
            rows.length > 0 &&
            rows.some((r) => r.querySelector('th')?.textContent === name) &&
            rows.every((r) => r.textContent.toLowerCase().includes(t.toLowerCase()))
          );
        },
        [term, target],
        { timeout: STEP },
      );
    });
  });

  test('the language switch turns the interface Chinese, and is remembered', { timeout: TEST_TIMEOUT }, async () => {
    await withBrowser('language', async (page) => {
      await page.goto(new URL('login', baseURL).href);
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');

      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '版块' }).waitFor();
      await page.getByLabel('电子邮箱').waitFor();
      assert.match(await page.title(), /登录/);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    });
  });
  test('a member sees their orders and the points they earned, files a complaint and verifies their address (phone)', { timeout: TEST_TIMEOUT }, async () => {
    const who = await shopper();
    // The order asked for an accrual job when it committed; wait for its
    // points so the page below shows them on first load.
    for (const deadline = Date.now() + STEP; ; await sleep(200)) {
      const { node } = await gql(`query ($id: ID!) { node(id: $id) { ... on Customer { loyaltyPoints } } }`, { id: who.customerId }, who.token);
      if (node?.loyaltyPoints === 1234) break;
      if (Date.now() > deadline) throw new Error(`the order's points were not credited: ${JSON.stringify(node)}`);
    }
    await withContexts('member-account', [{ width: 390, height: 844 }], async (page) => {
      await logInAs(page, who.email, who.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
      await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();

      const notice = page.getByTestId('verify-notice');
      await notice.waitFor();
      assert.match(await notice.textContent(), new RegExp(`${escapeRe(who.email)} is not verified`));

      const orders = page.getByRole('region', { name: 'My orders' });
      await orders.getByTestId('order-amount').filter({ hasText: 'CN¥1,234.56' }).waitFor();

      // CN¥1,234.56 at one point per yuan: 1,234 points, traced to the order.
      const points = page.getByRole('region', { name: 'My points' });
      await points.getByTestId('points-balance').filter({ hasText: '1,234 points' }).waitFor();
      const earned = points.getByTestId('ledger-entry').filter({ hasText: `Order E2E-${who.tag}` });
      await earned.waitFor();
      assert.match(await earned.textContent(), /\+1,234/);

      const tickets = page.getByRole('region', { name: 'My tickets' });
      await tickets.getByText('You have not filed any tickets.').waitFor();
      const title = `Lid arrived broken ${unique()}`;
      await page.getByLabel('Subject').fill(title);
      await page.getByLabel('What happened?').fill('The tea tin’s lid was dented.');
      await page.getByRole('button', { name: 'Send complaint' }).click();
      await page.getByText(`Thank you. Your ticket “${title}” was filed.`).waitFor();
      const row = tickets.getByRole('row', { name: new RegExp(escapeRe(title)) });
      await row.waitFor();
      assert.match(await row.textContent(), /Open/);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);

      // The link from the sign-up mail verifies the address; the notice goes.
      const token = await mailedToken(who.email, '/verify-email');
      await page.goto(new URL(`verify-email?token=${encodeURIComponent(token)}`, baseURL).href);
      await page.getByText('Thank you, your email address is verified.').waitFor();
      await page.getByRole('link', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
      await page.getByRole('region', { name: 'My tickets' }).getByText(title).waitFor();
      assert.equal(await page.getByTestId('verify-notice').count(), 0, 'no notice once verified');
    });
  });

  test('a manager edits a customer and the history shows it; a marketer reads it without edit controls', { timeout: TEST_TIMEOUT }, async () => {
    const who = await shopper();
    await withContexts('customer-360', [{ width: 1280, height: 900 }, { width: 390, height: 844 }], async (manager, marketer) => {
      await Promise.all([logInAs(manager, MANAGER.email, MANAGER.password), logInAs(marketer, STAFF.email, STAFF.password)]);

      // The manager, on a desktop.
      await openCustomerFromTable(manager, who);
      await manager.getByRole('region', { name: 'Orders' }).getByTestId('order-amount').filter({ hasText: 'CN¥1,234.56' }).waitFor();
      await manager.getByRole('button', { name: 'Edit profile' }).click();
      const email = manager.getByLabel('Email', { exact: true });
      await email.fill('not-an-address');
      await manager.getByRole('button', { name: 'Save' }).click();
      await manager.getByRole('alert').filter({ hasText: 'Please check “Email”.' }).waitFor();
      assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the server’s complaint is shown at the field');
      await email.fill(who.email);
      const region = `杭州 ${unique()}`;
      await manager.getByLabel('Region').fill(region);
      await manager.getByRole('button', { name: 'Save' }).click();
      await manager.getByText('Profile saved.').waitFor();
      const history = manager.getByRole('list', { name: 'Changes, newest first' });
      const entry = history.getByRole('listitem').filter({ hasText: region }).first();
      await entry.waitFor();
      assert.match(await entry.textContent(), /^Region/);
      await entry.filter({ hasText: MANAGER.name }).waitFor();

      // Contribution is revenue − cost to serve; cancelling the sale records
      // a cancellation beside it, which nets the contribution to zero.
      const contribution = manager.getByRole('region', { name: 'Contribution' }).getByTestId('contribution-total');
      await contribution.filter({ hasText: 'CN¥1,034.56' }).waitFor();
      const orders = manager.getByRole('region', { name: 'Orders' });
      await orders.getByRole('button', { name: 'Cancel order' }).click();
      await orders.getByLabel('Reason (optional)').fill('returned');
      await orders.getByRole('button', { name: 'Record cancellation' }).click();
      await orders.locator('.badge-cancel', { hasText: 'Cancellation' }).waitFor();
      await orders.locator('.badge-cancel', { hasText: 'Cancelled' }).waitFor();
      assert.equal(await orders.getByRole('button', { name: 'Cancel order' }).count(), 0, 'a cancelled sale cannot be cancelled again');
      await manager.reload();
      await manager.getByRole('region', { name: 'Contribution' }).getByTestId('contribution-total').filter({ hasText: 'CN¥0.00' }).waitFor();

      // The marketer, on a phone: reads the same file, may not change it.
      await openCustomerFromTable(marketer, who);
      // The sale (and, since the manager cancelled it, the cancellation beside it).
      await marketer.getByRole('region', { name: 'Orders' }).getByTestId('order-amount').filter({ hasText: /^CN¥1,234\.56$/ }).waitFor();
      await marketer.getByRole('region', { name: 'Orders' }).getByTestId('order-amount').filter({ hasText: /^-CN¥1,234\.56$/ }).waitFor();
      assert.equal(await marketer.getByRole('button', { name: 'Cancel order' }).count(), 0, 'a marketer cannot cancel orders');
      await marketer.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem').filter({ hasText: region }).waitFor();
      await marketer.getByText('You can read this file; managers and administrators can change it.').waitFor();
      assert.equal(await marketer.getByRole('button', { name: 'Edit profile' }).count(), 0, 'no edit button for a marketer');
      assert.equal(await marketer.getByText('Log a care record').count(), 0, 'no care form for a marketer');
      assert.equal(await marketer.getByText('Open a ticket').count(), 0, 'no ticket form for a marketer');
      const overflow = await marketer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);
    });
  });
  test('an admin defines a custom field, a manager sets it on a customer, the list filters by it', { timeout: TEST_TIMEOUT }, async () => {
    const who = await shopper();
    const tag = unique();
    const label = `Level ${tag}`;
    await withContexts('custom-fields', [{ width: 1280, height: 900 }, { width: 1280, height: 900 }], async (admin, manager) => {
      await Promise.all([logInAs(admin, ADMIN.email, ADMIN.password), logInAs(manager, MANAGER.email, MANAGER.password)]);

      // The admin defines a choice list.
      await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await admin.getByRole('navigation', { name: 'More settings' }).getByRole('link', { name: 'Custom fields' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Custom fields' }).waitFor();
      const form = admin.getByRole('form', { name: 'New field' });
      await form.getByLabel('Key').fill(`e2e_level_${tag}`);
      await form.getByLabel('Type').selectOption({ label: 'Choice list' });
      await form.getByLabel('English label').fill(label);
      await form.getByLabel('Chinese label').fill(`等级 ${tag}`);
      await form.getByLabel('Options').fill('bronze\ngold');
      await form.getByRole('button', { name: 'Add field' }).click();
      await admin.getByText(`Field “${label}” added.`).waitFor();
      await admin.getByRole('table').getByRole('rowheader', { name: label }).waitFor();

      // The manager sets it on the customer's file.
      await openCustomerFromTable(manager, who);
      await manager.getByRole('button', { name: 'Edit profile' }).click();
      await manager.getByLabel(label, { exact: true }).selectOption('gold');
      await manager.getByRole('button', { name: 'Save' }).click();
      await manager.getByText('Profile saved.').waitFor();
      const fact = manager.getByRole('region', { name: 'Custom fields' }).locator(`[data-field="customFields.e2e_level_${tag}"]`);
      await fact.filter({ hasText: 'gold' }).waitFor();
      await manager.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem').filter({ hasText: label }).filter({ hasText: 'gold' }).waitFor();

      // The list filters by it: only this customer holds gold.
      await manager.getByRole('link', { name: 'All customers' }).click();
      await manager.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
      const filter = manager.getByRole('group', { name: 'Custom field' });
      await filter.getByLabel('Custom field').selectOption({ label });
      await filter.getByLabel('Value').selectOption('gold');
      await manager.getByTestId('customer-total').filter({ hasText: /^1 customer$/ }).waitFor();
      await manager.getByRole('table').getByRole('link', { name: who.name, exact: true }).waitFor();
      await filter.getByLabel('Value').selectOption('bronze');
      await manager.getByTestId('customer-total').filter({ hasText: /^0 customers$/ }).waitFor();
    });
  });

  test('a member who forgot the password resets it from the mailed link', { timeout: TEST_TIMEOUT }, async () => {
    const member = await signUpByAPI('Forgetful 健忘');
    await withBrowser('reset-password', async (page) => {
      await page.goto(new URL('login', baseURL).href);
      await page.getByLabel('Email').fill(member.email);
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
      assert.equal(await page.getByLabel('Email').inputValue(), member.email, 'the address carries over');
      await page.getByRole('button', { name: 'Send link' }).click();
      await page.getByText(/a link to reset its password is on its way/).waitFor();

      const token = await mailedToken(member.email, '/reset-password');
      await page.goto(new URL(`reset-password?token=${encodeURIComponent(token)}`, baseURL).href);
      const fresh = `new-${unique()}-password`;
      await page.getByLabel('New password', { exact: true }).fill(fresh);
      await page.getByLabel('Repeat the new password').fill(fresh);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password was changed and you are now logged in.').waitFor();
      await page.getByTestId('account-name').filter({ hasText: 'Forgetful 健忘' }).waitFor();

      // The link works once; the new password works, the old one does not.
      await gql(`mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, { e: member.email, p: fresh });
      await assert.rejects(gql(`mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, { e: member.email, p: member.password }));
    });
  });

  test('a manager imports customers with the wizard, sees the bad rows of a wrong file, and exports', { timeout: TEST_TIMEOUT }, async () => {
    const tag = unique();
    await withBrowser('import', async (page) => {
      await logInAs(page, MANAGER.email, MANAGER.password);
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Import from CSV' }).waitFor();

      // A file with a bad row: nothing is imported, the row is listed.
      const bad = `name,email\nGood ${tag},good-${tag}@example.com\n,nameless-${tag}@example.com\n`;
      await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.getByText(/Nothing was imported: 1 problems/).waitFor({ timeout: 20_000 });
      const row = page.getByRole('table').getByRole('row').nth(1);
      assert.match(await row.textContent(), /^3nameREQUIRED/);

      // The fixed file imports.
      const good = `name,email,region\n"=Formula ${tag}",good-${tag}@example.com,Hangzhou\n華信 ${tag},huaxin-${tag}@example.com,杭州\n`;
      await page.getByLabel('CSV file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.getByText('Imported: 2 new, 0 updated, 0 skipped, 0 already present.').waitFor({ timeout: 20_000 });

      // The customers list exports what its filter shows, formulas neutralised.
      await page.getByRole('link', { name: 'Customers', exact: true }).click();
      await page.getByLabel('Filter by name or email').fill(tag);
      await page.getByTestId('customer-total').filter({ hasText: /^2 customers$/ }).waitFor();
      const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
      assert.equal(csv.trim().split('\n').length, 3, 'a header and the two customers');
      assert.ok(csv.includes(`"'=Formula ${tag}"`) || csv.includes(`'=Formula ${tag}`), 'the formula is neutralised');
    });
  });

  test('a manager claims from the pool and sees an alert on their account live', { timeout: TEST_TIMEOUT }, async () => {
    const manager = (await gql(`mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, { e: MANAGER.email, p: MANAGER.password })).logIn;
    await withBrowser('accounts-live', async (page) => {
      await logInAs(page, MANAGER.email, MANAGER.password);
      const nav = page.getByRole('navigation', { name: 'Main' });

      // Claim the first account of the pool through the page.
      await nav.getByRole('link', { name: 'Customer pool' }).click();
      await page.getByRole('heading', { level: 1, name: 'Customer pool' }).waitFor();
      const row = page.getByTestId('pool-row').first();
      const claimed = (await row.getByRole('link').textContent()).trim();
      await row.getByRole('button', { name: /Claim/ }).click();
      await page.getByText(`Claimed: ${claimed} is now one of your accounts.`).waitFor();

      // A watched account, claimed through the API.
      const { customerPool } = await gql(
        `{ customerPool(first: 1, where: { riskLevelIn: [WATCH, DOUBTFUL] }) { edges { node { id name } } } }`,
        {},
        manager.token,
      );
      const watched = customerPool.edges[0]?.node;
      assert.ok(watched, 'the demo pool has an account at risk');
      await gql(`mutation ($id: ID!) { claimCustomer(id: $id) { id } }`, { id: watched.id }, manager.token);

      await nav.getByRole('link', { name: 'My accounts' }).click();
      await page.getByRole('heading', { level: 1, name: 'My accounts' }).waitFor();
      await page.getByRole('table').getByRole('link', { name: claimed, exact: true }).waitFor();
      await page.getByRole('table').getByRole('link', { name: watched.name, exact: true }).waitFor();
      await page.locator('.live[data-status="connected"]').waitFor();
      await sleep(300); // let the server register the subscription

      await gql(
        `mutation ($c: ID!) { lowerRiskLevel(customerId: $c, level: NORMAL, reason: "met the buyer") { id } }`,
        { c: watched.id },
        manager.token,
      );
      const alert = page.getByTestId('account-alerts').getByRole('listitem').filter({ hasText: 'Risk lowered to Normal' }).filter({ hasText: watched.name });
      await alert.waitFor({ timeout: 15_000 });
      assert.ok((await alert.textContent()).includes('met the buyer'), 'the reason is shown');
    });
  });

  test('an admin issues a partner API key; an order pushed with it over HTTP appears on the customer page', { timeout: TEST_TIMEOUT }, async () => {
    const who = await shopper();
    const source = `partner-${unique()}`;
    await withBrowser('api-keys', async (page) => {
      await logInAs(page, ADMIN.email, ADMIN.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('navigation', { name: 'More settings' }).getByRole('link', { name: 'API keys' }).click();
      await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
      await page.getByLabel('Name (the partner system)').fill('E2E shop');
      await page.getByLabel('Order sources').fill(source);
      await page.getByRole('button', { name: 'Issue key' }).click();
      const secret = (await page.getByTestId('api-key-secret').textContent()).trim();
      assert.match(secret, /^kith_pk_/);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('table').getByRole('row').filter({ hasText: 'E2E shop' }).filter({ hasText: source }).waitFor();

      // The partner system pushes an order with the key, as a plain HTTP client.
      const push = (externalID, src = source) =>
        fetch(new URL('query', baseURL), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({
            query: `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id source } }`,
            variables: { input: { customerID: who.customerId, source: src, externalID, amount: 7777700, currency: 'CNY', channel: 'partner' } },
          }),
          signal: AbortSignal.timeout(STEP),
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      const ok = await push(`P-${who.tag}`);
      assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
      assert.equal(ok.body.data.createOrder.source, source);
      const replay = await push(`P-${who.tag}`);
      assert.equal(replay.body.errors?.[0]?.extensions?.code, 'CONFLICT');
      const foreign = await push(`Q-${who.tag}`, 'pos');
      assert.equal(foreign.body.errors?.[0]?.extensions?.code, 'FORBIDDEN');

      // The order is on the customer's 360 page.
      await page.goto(new URL(`customers/${who.customerId}`, baseURL).href);
      await page.getByRole('heading', { level: 1, name: who.name }).waitFor();
      await page.getByRole('region', { name: 'Orders' }).getByTestId('order-amount').filter({ hasText: 'CN¥77,777.00' }).waitFor();
      await page.getByRole('region', { name: 'Receivables' }).waitFor();

      // Revoked, the key stops working at once.
      await page.goto(new URL('api-keys', baseURL).href);
      page.once('dialog', (d) => d.accept());
      const row = page.getByRole('table').getByRole('row').filter({ hasText: source });
      await row.getByRole('button', { name: 'Revoke' }).click();
      await row.filter({ hasText: 'Revoked' }).waitFor();
      const dead = await push(`R-${who.tag}`);
      assert.equal(dead.status, 401);
    });
  });

  test('a marketer opens Insights and sees sales by category and loyalty points from the demo data (desktop and phone)', { timeout: TEST_TIMEOUT }, async () => {
    await withContexts('insights', [{ width: 1280, height: 900 }, { width: 390, height: 844 }], async (desk, phone) => {
      await Promise.all([logInAs(desk, STAFF.email, STAFF.password), logInAs(phone, STAFF.email, STAFF.password)]);

      await desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
      assert.equal(new URL(desk.url()).pathname, '/insights/performance');
      const chart = desk.getByRole('figure', { name: 'Sales by category' });
      await chart.getByRole('img', { name: 'Sales by category' }).waitFor();
      // The demo shop's categories, largest revenue first, each with a bar.
      const bars = chart.locator('rect');
      assert.ok((await bars.count()) >= 3, 'a bar per category');
      const labels = await chart.locator('.chart-bar-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
      assert.ok(labels.some((l) => /Tea|Electronics|Apparel|Books|Home|Beauty/.test(l)), `demo categories: ${labels}`);
      await chart.getByText('Show the numbers').click();
      await chart.getByRole('table').getByRole('rowheader', { name: labels[0] }).waitFor();
      assert.match(await chart.getByRole('table').textContent(), /CN¥[\d,]+\.\d\d/);

      // Quarters instead of months: the stacked chart has at most five bars (4 quarters, and a part).
      await desk.getByLabel('Period').selectOption('QUARTER');
      await desk.waitForURL(/period=QUARTER/);
      const stacked = desk.getByTestId('revenue-by-dimension');
      await stacked.getByRole('img').waitFor();
      await desk.waitForFunction(() => document.querySelectorAll('[data-testid="revenue-by-dimension"] g.chart-stack').length <= 5);

      // Profitability shows the value analysis: the Pareto curve of contribution
      // and the customers per value tier over time.
      await desk.getByRole('link', { name: 'Profitability' }).click();
      await desk.getByRole('figure', { name: 'Pareto curve of contribution' }).waitFor({ state: 'visible' });
      await desk.getByRole('figure', { name: 'Customers per value tier over time' }).getByRole('img').waitFor();

      // Persistency draws the loyalty points the demo orders earned. The
      // accrual runs when the server starts; until it has credited an order
      // the chart is empty, so look again until it draws.
      await desk.getByRole('link', { name: 'Persistency' }).click();
      const loyalty = desk.getByRole('figure', { name: 'Loyalty points issued and redeemed' });
      for (const deadline = Date.now() + 3 * STEP; ; ) {
        await loyalty.waitFor();
        if (await loyalty.getByRole('img').isVisible()) break;
        if (Date.now() > deadline) throw new Error('the loyalty chart stayed empty');
        await sleep(1000);
        await desk.reload();
      }
      assert.ok((await loyalty.locator('g.chart-stack rect').count()) >= 1, 'a bar of points issued');
      assert.equal(await loyalty.locator('[data-series="Points held"] path.chart-line').count(), 1, 'the points held as a line');
      assert.match(await desk.getByTestId('loyalty-summary').textContent(), /^[\d,]+ customers hold [\d,]+ points now\.$/);

      // On a phone: prospecting draws and nothing scrolls sideways.
      await phone.goto(new URL('insights/prospecting', baseURL).href);
      await phone.getByRole('figure', { name: 'Customers (cumulative)' }).getByRole('img').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);

      // The loyalty chart fits a phone too.
      await phone.goto(new URL('insights/persistency', baseURL).href);
      await phone.getByRole('figure', { name: 'Loyalty points issued and redeemed' }).getByRole('img').waitFor();
      const wide = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `no horizontal scrolling on a phone's persistency page (${wide}px)`);
    });
  });
});

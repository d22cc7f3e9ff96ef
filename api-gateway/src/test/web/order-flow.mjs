// The gateway's web page in a real browser: playwright-core drives Debian's headless Chromium (never a downloaded one)
// through what a visitor does. Run by WebPageTests, which starts the gateway and the services behind it:
//
//   WEB_BASE_URL=http://localhost:8080 WEB_TOKEN=$(./dev token) WEB_OUT=target/web node order-flow.mjs
//
// Every wait is bounded (Playwright timeouts, and WEB_DEADLINE_MS for the whole run); the first failure ends the run
// with exit code 1, its message on stderr and a screenshot of the page as it was (failure.png).
import { launchChromium } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.WEB_BASE_URL ?? 'http://localhost:8080';
const token = process.env.WEB_TOKEN ?? '';
const out = process.env.WEB_OUT ?? 'target/web';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const deadline = Number(process.env.WEB_DEADLINE_MS ?? 180_000);
// a saga takes a second or two; its own patience on a slow machine is far longer than any wait here
const SAGA_MS = 60_000;
const STEP_MS = 20_000;

const log = (...args) => console.log(new Date().toISOString(), ...args);
const check = (ok, message) => {
  if (!ok) {
    throw new Error(message);
  }
};

mkdirSync(out, { recursive: true });
setTimeout(() => {
  console.error(`order-flow.mjs: not done within ${deadline} ms`);
  process.exit(2);
}, deadline).unref();

const browser = await launchChromium(executablePath, STEP_MS);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
page.setDefaultTimeout(STEP_MS);
page.setDefaultNavigationTimeout(STEP_MS);
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => {
  if (message.type() === 'error') {
    log('console error:', message.text());
  }
});

async function available(sku) {
  return Number(await page.locator(`#stock tbody tr[data-sku="${sku}"] td:nth-child(2)`).textContent());
}

/** Places an order through the form and waits for the stepper's final status; returns it and the result's text. */
async function placeOrder(sku, quantity, method) {
  await page.selectOption('#sku', sku);
  await page.fill('#quantity', String(quantity));
  await page.selectOption('#method', method);
  await page.click('#place');
  // the button is disabled while the saga runs, the result's data-status set when it ends (or an error shown)
  await page.waitForFunction(() => document.querySelector('#saga-result').dataset.status
      || document.querySelector('#order-error').textContent, null, { timeout: SAGA_MS });
  const error = await page.textContent('#order-error');
  check(!error, `placing ${method} order: the page shows the error "${error}"`);
  await page.waitForSelector('#place:enabled', { timeout: STEP_MS });
  const status = await page.getAttribute('#saga-result', 'data-status');
  const text = await page.textContent('#saga-result');
  const steps = await page.$$eval('#stepper li', (items) => items.map((li) => `${li.dataset.status}:${li.className}`));
  log(`${method} order ${await page.getAttribute('#order-id', 'data-order-id')}: ${text}; stepper ${steps.join(' ')}`);
  return { status, text, steps };
}

try {
  log('opening', base);
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-ready="true"]');
  check(await page.locator('#stock tbody tr').count() > 0, 'the stock table is empty');
  check(await page.locator('#sku option').count() > 0, 'no SKU to choose');

  await page.fill('#token', token);
  const who = await page.textContent('#token-who');
  check(who.includes('ada'), `the page read no subject from the token: "${who}"`);

  // declined first, so that the screenshot at the end shows the happy path
  const before = await available('widget');
  const declined = await placeOrder('widget', 1, 'declined-card');
  check(declined.status === 'CANCELLED', `a declined card ends ${declined.status}, not CANCELLED: ${declined.text}`);
  check(/declined/i.test(declined.text), `the cancelled order shows no reason: "${declined.text}"`);
  check(declined.steps.includes('CANCELLED:failed'), `the stepper does not mark CANCELLED: ${declined.steps}`);
  check(await available('widget') === before, 'the declined order\'s stock was not given back');
  const refused = await page.getAttribute('#payment', 'data-status');
  check(['DECLINED', 'REFUNDED'].includes(refused), `the declined order's payment is ${refused}`);
  await page.locator('#saga').screenshot({ path: join(out, 'declined.png') });

  const paid = await placeOrder('widget', 2, 'card');
  check(paid.status === 'CONFIRMED', `a card order ends ${paid.status}, not CONFIRMED: ${paid.text}`);
  for (const step of ['PENDING', 'RESERVED', 'PAID', 'CONFIRMED']) {
    check(paid.steps.includes(`${step}:done`), `the stepper does not mark ${step} done: ${paid.steps}`);
  }
  check(await available('widget') === before - 2, `stock after a confirmed order of 2: ${await available('widget')}, was ${before}`);
  check(await page.getAttribute('#payment', 'data-status') === 'COMPLETED', `the payment: ${await page.textContent('#payment')}`);

  await page.click('#run-sum');
  await page.waitForSelector('#run-sum:enabled', { timeout: STEP_MS });
  const sums = await page.$$eval('#transports tbody tr', (rows) => rows.map((row) => ({
    transport: row.dataset.transport, answer: row.cells[1].textContent, rtt: row.cells[2].textContent,
  })));
  log('sums:', sums.map((s) => `${s.transport}=${s.answer} (${s.rtt})`).join(', '));
  check(sums.length === 6, `${sums.length} transports in the playground`);
  const wrong = sums.filter((s) => s.answer !== '6' || !/^\d+ ms$/.test(s.rtt));
  check(wrong.length === 0, `not 6 with a round trip: ${JSON.stringify(wrong)}`);

  await page.click('#stream-heroes');
  await page.waitForSelector('#heroes li');
  await page.waitForSelector('#stream-heroes:enabled', { timeout: STEP_MS });
  const heroes = await page.locator('#heroes li').count();
  const heroesError = await page.textContent('#heroes-error');
  check(!heroesError, `the heroes stream failed: ${heroesError}`);
  log(`${heroes} heroes, the first: ${await page.locator('#heroes li').first().textContent()}`);

  check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join('; ')}`);
  await page.screenshot({ path: join(out, 'saga.png'), fullPage: true });
  log('OK: screenshot', join(out, 'saga.png'));
} catch (error) {
  console.error(`order-flow.mjs: ${error.message}`);
  if (pageErrors.length) {
    console.error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  }
  await page.screenshot({ path: join(out, 'failure.png'), fullPage: true, timeout: 5_000 }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}

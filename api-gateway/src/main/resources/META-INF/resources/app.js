// The gateway's web page: the order saga, the transport playground and the heroes stream, on the public API only.
// Plain DOM, no framework and no build step, so Quarkus serves this file as it is.

const HAPPY_PATH = ['PENDING', 'RESERVED', 'PAID', 'CONFIRMED'];
const FINAL = new Set(['CONFIRMED', 'CANCELLED', 'REJECTED']);
const TRANSPORTS = ['tcp', 'redis', 'nats', 'mqtt', 'rmq', 'kafka'];
// "Not now" answers: a 503 means the order was not placed, a 504 that it is not known yet; both are safe to ask again
// with the same Idempotency-Key (README, "The order saga"). Bounded, so the page never retries for ever.
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

const $ = (id) => document.getElementById(id);

/** An RFC 9457 problem (or any failed answer) as one readable sentence: its detail, else its title, else the status. */
async function problem(response) {
  let detail = '';
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      detail = body.detail || body.title || '';
    } catch {
      // an unreadable body: the status says enough
    }
  }
  if (response.status === 401) {
    detail = detail || 'the token is missing, expired or not trusted: paste one (./dev token prints one)';
  }
  return new Error(`${response.status}: ${detail || response.statusText || 'request failed'}`);
}

function bearer() {
  const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The token's subject, read (not verified: the gateway does that) so the order is placed for its caller. */
function subject() {
  const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub || '';
  } catch {
    return '';
  }
}

function showWho() {
  const who = subject();
  $('token-who').textContent = who ? `Orders will be placed as ${who}.` : ($('token').value.trim() ? 'This does not look like a JWT.' : '');
}

// crypto.randomUUID exists only in secure contexts (https, localhost); elsewhere make a v4 UUID from getRandomValues.
function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers: { Accept: 'application/json', ...headers } });
  if (!response.ok) {
    throw await problem(response);
  }
  return response.json();
}

/**
 * Server-sent events read with fetch() and a stream reader, because EventSource cannot send an Authorization header.
 * Yields each event's data (its data: lines joined), parsed as JSON, until the server ends the stream.
 */
async function* events(url, headers = {}, signal) {
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal });
  if (!response.ok) {
    throw await problem(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += value.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
      if (data) {
        yield JSON.parse(data);
      }
    }
  }
}

// ---- stock ----------------------------------------------------------------------------------------------------------

async function loadStock() {
  $('stock-error').textContent = '';
  try {
    const stock = await getJson('/api/inventory');
    const rows = stock.map((item) => {
      const row = document.createElement('tr');
      row.dataset.sku = item.sku;
      for (const value of [item.sku, item.available, item.reserved, Number(item.price).toFixed(2)]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      return row;
    });
    $('stock').tBodies[0].replaceChildren(...rows);
    const select = $('sku');
    const chosen = select.value;
    select.replaceChildren(...stock.map((item) => new Option(`${item.sku} (${Number(item.price).toFixed(2)})`, item.sku)));
    if (stock.some((item) => item.sku === chosen)) {
      select.value = chosen;
    }
  } catch (e) {
    $('stock-error').textContent = `Stock: ${e.message}`;
  }
}

// ---- the saga -------------------------------------------------------------------------------------------------------

/** The stepper: the happy path, with the statuses an unhappy order went through instead appended in red. */
function drawSteps(seen) {
  const last = seen[seen.length - 1];
  const off = seen.find((status) => !HAPPY_PATH.includes(status));
  const steps = off ? [...HAPPY_PATH.filter((s) => seen.includes(s)), ...seen.filter((s) => !HAPPY_PATH.includes(s))] : HAPPY_PATH;
  $('stepper').replaceChildren(...steps.map((status) => {
    const item = document.createElement('li');
    item.dataset.status = status;
    item.className = !seen.includes(status) ? 'todo' : HAPPY_PATH.includes(status) ? 'done' : 'failed';
    // colour alone says nothing to a screen reader: each step says its state in words too
    const state = document.createElement('span');
    state.className = 'visually-hidden';
    state.textContent = { todo: ' (to come)', done: ' (done)', failed: ' (failed)' }[item.className];
    item.append(status, state);
    if (status === last) {
      item.setAttribute('aria-current', 'step');
    }
    return item;
  }));
}

async function showPayment(orderId) {
  const payment = $('payment');
  try {
    const p = await getJson(`/api/payments/${encodeURIComponent(orderId)}`, bearer());
    payment.dataset.status = p.status;
    payment.textContent = `${p.paymentId}: ${p.status}, ${Number(p.amount).toFixed(2)}${p.reason ? ` (${p.reason})` : ''}`;
  } catch (e) {
    payment.dataset.status = 'NONE';
    payment.textContent = `No payment: ${e.message}`;
  }
}

async function place(order) {
  const key = newKey(); // one per click: a retry below reuses it, so the order is placed once
  for (let attempt = 0; ; attempt++) {
    const response = await fetch('/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key, ...bearer() },
      body: JSON.stringify(order),
    });
    if (response.ok) {
      return response.json();
    }
    const failure = await problem(response);
    if (![503, 504].includes(response.status) || attempt >= RETRY_DELAYS_MS.length) {
      throw failure;
    }
    $('order-id').textContent = `Not placed yet (${failure.message}); asking again with the same key...`;
    await sleep(RETRY_DELAYS_MS[attempt]);
  }
}

async function follow(orderId) {
  const seen = [];
  let final = null;
  for await (const change of events(`/api/orders/${encodeURIComponent(orderId)}/status`, bearer())) {
    if (!seen.includes(change.status)) {
      seen.push(change.status);
    }
    drawSteps(seen);
    if (FINAL.has(change.status)) {
      final = change;
    }
  }
  if (!final) {
    // the stream went idle before the end (gateway.orders.stream-idle): ask where the order stands
    const order = await getJson(`/api/orders/${encodeURIComponent(orderId)}`, bearer());
    final = { status: order.status, detail: order.reason };
    drawSteps(order.history.map((h) => h.status));
  }
  return final;
}

async function onPlace(event) {
  event.preventDefault();
  const button = $('place');
  const result = $('saga-result');
  $('order-error').textContent = '';
  result.textContent = '';
  result.dataset.status = '';
  $('stepper').replaceChildren();
  $('order-id').textContent = '';
  button.disabled = true;
  try {
    const order = {
      customerId: subject(),
      items: [{ sku: $('sku').value, quantity: Number($('quantity').value) }],
      payment: { method: $('method').value },
    };
    const placed = await place(order);
    $('order-id').textContent = `Order ${placed.orderId}`;
    $('order-id').dataset.orderId = placed.orderId;
    drawSteps([placed.status]);
    const final = await follow(placed.orderId);
    result.dataset.status = final.status;
    result.className = final.status === 'CONFIRMED' ? 'ok' : 'error';
    result.textContent = final.detail ? `${final.status}: ${final.detail}` : final.status;
    await Promise.all([loadStock(), showPayment(placed.orderId)]);
  } catch (e) {
    $('order-error').textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

// ---- the transport playground ---------------------------------------------------------------------------------------

function drawTransports() {
  $('transports').tBodies[0].replaceChildren(...TRANSPORTS.map((transport) => {
    const row = document.createElement('tr');
    row.dataset.transport = transport;
    row.innerHTML = '<th scope="row"></th><td data-testid="answer"></td><td data-testid="rtt"></td>';
    row.cells[0].textContent = transport;
    return row;
  }));
}

async function sumOver(transport, numbers) {
  const row = $('transports').querySelector(`tr[data-transport="${transport}"]`);
  const [answer, rtt] = [row.cells[1], row.cells[2]];
  answer.textContent = '...';
  answer.className = '';
  rtt.textContent = '';
  const started = performance.now();
  try {
    const response = await fetch(`/api/math/sum?transport=${transport}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(numbers),
    });
    if (!response.ok) {
      throw await problem(response);
    }
    const body = await response.json();
    answer.textContent = String(body.result);
  } catch (e) {
    answer.textContent = e.message;
    answer.className = 'error';
  } finally {
    rtt.textContent = `${Math.round(performance.now() - started)} ms`;
  }
}

async function onSum(event) {
  event.preventDefault();
  $('sum-error').textContent = '';
  const text = $('numbers').value.trim();
  const numbers = text ? text.split(/[\s,]+/).filter(Boolean).map(Number) : [];
  if (numbers.some(Number.isNaN)) {
    $('sum-error').textContent = 'Numbers only, separated by commas.';
    return;
  }
  $('run-sum').disabled = true;
  try {
    await Promise.all(TRANSPORTS.map((transport) => sumOver(transport, numbers)));
  } finally {
    $('run-sum').disabled = false;
  }
}

// ---- heroes ---------------------------------------------------------------------------------------------------------

async function onHeroes() {
  const list = $('heroes');
  $('heroes-error').textContent = '';
  list.replaceChildren();
  $('stream-heroes').disabled = true;
  try {
    for await (const hero of events('/api/heroes/stream')) {
      const item = document.createElement('li');
      item.dataset.heroId = hero.id;
      item.textContent = `#${hero.id} ${hero.name}`;
      list.append(item);
    }
  } catch (e) {
    $('heroes-error').textContent = e.message;
  } finally {
    $('stream-heroes').disabled = false;
  }
}

// ---- wiring ---------------------------------------------------------------------------------------------------------

$('token').addEventListener('input', showWho);
$('order-form').addEventListener('submit', onPlace);
$('sum-form').addEventListener('submit', onSum);
$('stream-heroes').addEventListener('click', onHeroes);
drawTransports();
drawSteps([]);
showWho();
loadStock().then(() => document.body.setAttribute('data-ready', 'true'));

// One order's trace as a waterfall, drawn in Debian's headless Chromium from the spans the services exported (no trace
// UI image can be pulled here, so this stands in for Jaeger's view of the same spans). Run by OrderTraceTests:
//
//   TRACE_JSON=target/web/order-trace.json TRACE_OUT=target/web/order-trace.png node trace-picture.mjs
//
// TRACE_JSON holds {orderId, spans: [{service, spanId, parentSpanId, name, kind, transport, startNanos, endNanos}]}.
// Prints "drew N spans" (the test compares N with the trace it asserted); exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { launchChromium } from './browser.mjs';

const input = process.env.TRACE_JSON ?? 'target/web/order-trace.json';
const output = process.env.TRACE_OUT ?? 'target/web/order-trace.png';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;
const COLOURS = { 'api-gateway': '#4e79a7', 'order-service': '#f28e2b', 'inventory-service': '#59a14f',
  'payment-service': '#e15759', 'math-service': '#76b7b2', 'heroes-grpc-service': '#b07aa1' };

const trace = JSON.parse(readFileSync(input, 'utf8'));
const spans = trace.spans;
const byId = new Map(spans.map((span) => [span.spanId, span]));
const children = new Map();
for (const span of spans) {
  const parent = byId.has(span.parentSpanId) ? span.parentSpanId : '';
  children.set(parent, [...(children.get(parent) ?? []), span]);
}
// depth-first, each level in start order: a span's row sits under its parent's, as in a trace UI
const rows = [];
const walk = (parent, depth) => (children.get(parent) ?? [])
  .sort((a, b) => Number(BigInt(a.startNanos) - BigInt(b.startNanos)))
  .forEach((span) => { rows.push({ span, depth }); walk(span.spanId, depth + 1); });
walk('', 0);

const start = spans.reduce((min, span) => (BigInt(span.startNanos) < min ? BigInt(span.startNanos) : min), BigInt(spans[0].startNanos));
const end = spans.reduce((max, span) => (BigInt(span.endNanos) > max ? BigInt(span.endNanos) : max), 0n);
const total = Number(end - start) / 1e6;
const at = (nanos) => (Number(BigInt(nanos) - start) / 1e6 / total) * 100;
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { font: 12px/1.35 system-ui, sans-serif; margin: 16px; color: #222; }
  h1 { font-size: 15px; margin: 0 0 4px; } p { margin: 0 0 10px; color: #555; }
  .row { display: grid; grid-template-columns: 470px 1fr; align-items: center; height: 19px; border-bottom: 1px solid #eee; }
  .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .svc { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 5px; }
  .kind { color: #888; font-size: 10px; margin-left: 4px; } .track { position: relative; height: 11px; }
  .bar { position: absolute; height: 11px; min-width: 2px; border-radius: 2px; }
  .ms { position: absolute; top: -1px; font-size: 10px; color: #555; white-space: nowrap; }
  .legend span { margin-right: 14px; }
</style></head><body>
<h1>Order ${escape(trace.orderId)} ({id} below): one trace, ${rows.length} spans, ${total.toFixed(1)} ms</h1>
<p class="legend">${[...new Set(spans.map((s) => s.service))].map((service) =>
  `<span><i class="svc" style="background:${COLOURS[service] ?? '#999'}"></i>${escape(service)}</span>`).join('')}</p>
${rows.map(({ span, depth }) => {
    const left = at(span.startNanos);
    const width = Math.max(at(span.endNanos) - left, 0.15);
    const ms = Number(BigInt(span.endNanos) - BigInt(span.startNanos)) / 1e6;
    const colour = COLOURS[span.service] ?? '#999';
    const via = span.transport ? ` · ${escape(span.transport)}` : '';
    const name = span.name.replaceAll(trace.orderId, '{id}');
    // a bar that ends near the right edge has its duration on its left
    const label = left + width > 85 ? `right:${100 - left}%;padding-right:3px` : `left:${left + width}%;padding-left:3px`;
    return `<div class="row"><div class="label" style="padding-left:${depth * 12}px">`
      + `<i class="svc" style="background:${colour}"></i>${escape(name)}<span class="kind">${escape(span.kind)}${via}</span></div>`
      + `<div class="track"><div class="bar" style="left:${left}%;width:${width}%;background:${colour}"></div>`
      + `<span class="ms" style="${label}">${ms.toFixed(1)} ms</span></div></div>`;
  }).join('\n')}
</body></html>`;

const browser = await launchChromium(executablePath, TIMEOUT_MS);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 200 }, deviceScaleFactor: 1 });
  await page.setContent(html, { timeout: TIMEOUT_MS });
  await page.screenshot({ path: output, fullPage: true, timeout: TIMEOUT_MS });
  console.log(`drew ${rows.length} spans`);
} catch (error) {
  console.error(`trace-picture.mjs: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}

// Validates an AsyncAPI document with the official parser (@asyncapi/parser, its default rules), read from the file
// named by the first argument. Prints every diagnostic; exits 1 when any is an error or no document came out.
import { readFile } from 'node:fs/promises';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const text = await readFile(process.argv[2], 'utf8');
const { document, diagnostics } = await new Parser().parse(text);
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity]} ${d.code} at ${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);
console.log(JSON.stringify({ valid: document !== undefined && errors.length === 0, errors: errors.length,
  channels: document ? document.channels().length : 0, operations: document ? document.operations().length : 0 }));
process.exit(document !== undefined && errors.length === 0 ? 0 : 1);

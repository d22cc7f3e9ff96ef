// The NestJS packages the peers run on: those of ../v11 (CommonJS) or ../v12 (ESM), as NEST_VERSION says (default 11),
// each pinned by its folder's package-lock.json. One set of peer scripts serves both versions, so the two are held to
// the same assertions.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const VERSION = process.env.NEST_VERSION || '11';
const requireFromVersion = createRequire(path.join(HERE, '..', `v${VERSION}`, 'package.json'));

// Node 20.19+ can require() an ES module; older ones refuse it, and a dynamic import of the resolved file does the same.
async function load(name) {
  try {
    return requireFromVersion(name);
  } catch (err) {
    if (err.code !== 'ERR_REQUIRE_ESM') throw err;
    return import(pathToFileURL(requireFromVersion.resolve(name)).href);
  }
}

await load('reflect-metadata');
export const common = await load('@nestjs/common');
export const core = await load('@nestjs/core');
export const micro = await load('@nestjs/microservices');
export const rxjs = await load('rxjs');
export const loadPackage = load;

/** The hero.proto of shared-contracts, the one every gRPC peer loads. */
export const HERO_PROTO = path.resolve(HERE, '../../../../../shared-contracts/src/main/proto/hero.proto');

/** Plain JavaScript has no decorator syntax: applies Nest's decorators to a method the way TypeScript would. */
export function decorate(type, method, decorators) {
  Reflect.decorate(decorators, type.prototype, method, Object.getOwnPropertyDescriptor(type.prototype, method));
}

/** The value of a command-line flag, `--name value`. */
export function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

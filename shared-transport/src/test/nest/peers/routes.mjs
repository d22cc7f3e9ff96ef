// Prints Nest's own routes for the patterns given as a JSON array: the referee for the Java normalisation.
import { loadPackage } from './nest.mjs';

const { transformPatternToRoute } = await loadPackage('@nestjs/microservices/utils/transform-pattern.utils');
const patterns = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(patterns.map((p) => transformPatternToRoute(p))) + '\n');

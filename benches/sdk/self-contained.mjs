// Writes Plain's SDK operations as self-contained documents (how persisted
// document folders, exported collections and per-operation snapshots look):
// one file per operation, holding the operation and every fragment it uses,
// transitively (the first definition of a name in the layout).
//
//   node self-contained.mjs GRAPHQL_JS_DIR OUT_DIR LAYOUT_DIR...
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [gjs, out, ...dirs] = process.argv.slice(2);
const { parse, print } = createRequire(path.join(path.resolve(gjs), 'x.js'))('graphql');

const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(graphql|gql)$/.test(e.name)) files.push(p);
  }
};
dirs.forEach(walk);
const fragments = new Map();
const operations = [];
for (const f of files) {
  const doc = parse(fs.readFileSync(f, 'utf8'));
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition' && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  for (const d of doc.definitions) if (d.kind === 'OperationDefinition' && d.name) operations.push([f, d]);
}
const spreads = (node, acc) => {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((x) => spreads(x, acc));
  if (node.kind === 'FragmentSpread') acc.push(node.name.value);
  for (const v of Object.values(node)) if (v && typeof v === 'object' && v !== node.loc) spreads(v, acc);
};
let n = 0;
for (const [f, op] of operations) {
  const need = new Map();
  const todo = [];
  spreads(op.selectionSet, todo);
  while (todo.length) {
    const name = todo.pop();
    if (need.has(name) || !fragments.has(name)) continue;
    need.set(name, fragments.get(name));
    spreads(fragments.get(name).selectionSet, todo);
  }
  const rel = path.relative(process.cwd(), f).replace(/[\\/]/g, '_');
  const target = path.join(out, `${op.name.value}--${rel}`);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(target, [op, ...need.values()].map((d) => print(d)).join('\n\n') + '\n');
  n++;
}
console.log(`${n} self-contained documents in ${out}`);

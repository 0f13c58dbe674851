// Writes Plain's SDK operations as self-contained documents (how persisted
// document folders, exported collections and per-operation snapshots look):
// one file per operation, holding the operation and every fragment it uses,
// transitively (the first definition of a name in the layout).
//
//   node self-contained.mjs GRAPHQL_JS_DIR OUT_DIR LAYOUT_DIR...
import fs from 'node:fs';
import path from 'node:path';
import { graphqlFiles, graphqlJs, needed } from './files.mjs';

const [gjs, out, ...dirs] = process.argv.slice(2);
const { parse, print } = graphqlJs(gjs);
const files = graphqlFiles(dirs);
const fragments = new Map();
const operations = [];
for (const f of files) {
  const doc = parse(fs.readFileSync(f, 'utf8'));
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition' && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  for (const d of doc.definitions) if (d.kind === 'OperationDefinition' && d.name) operations.push([f, d]);
}
let n = 0;
for (const [f, op] of operations) {
  const need = needed(fragments, [op]);
  const rel = path.relative(process.cwd(), f).replace(/[\\/]/g, '_');
  const target = path.join(out, `${op.name.value}--${rel}`);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(target, [op, ...need.values()].map((d) => print(d)).join('\n\n') + '\n');
  n++;
}
console.log(`${n} self-contained documents in ${out}`);

// graphql-js doing what `plain-contract check --schema plain` does on the SDK
// layout, in one Node process: build the schema, then for each operation file
// parse and validate the document made of the operation and the fragments it
// uses (transitively, from the fragment files), with graphql-js's specifiedRules.
//
//   node graphql-js.mjs GRAPHQL_JS_DIR SCHEMA.graphql DIR...
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [gjs, schemaPath, ...dirs] = process.argv.slice(2);
const { buildSchema, parse, validate } = createRequire(path.join(path.resolve(gjs), 'x.js'))('graphql');

const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(graphql|gql)$/.test(e.name)) files.push(p);
  }
};
dirs.forEach(walk);

const schema = buildSchema(fs.readFileSync(schemaPath, 'utf8'));
// Each file parsed once; fragments indexed by name (first definition wins).
const fragments = new Map();
const operations = [];
for (const f of files) {
  const doc = parse(fs.readFileSync(f, 'utf8'));
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition' && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
  if (ops.length) operations.push([f, ops]);
}
const spreads = (node, out) => {
  if (!node || typeof node !== 'object') return;
  if (node.kind === 'FragmentSpread') out.push(node.name.value);
  for (const k of ['selectionSet', 'selections']) {
    const v = node[k];
    if (Array.isArray(v)) v.forEach((x) => spreads(x, out));
    else if (v) spreads(v, out);
  }
  if (node.kind === 'Field' || node.kind === 'InlineFragment') spreads(node.selectionSet, out);
};
let valid = 0, invalid = 0;
for (const [, ops] of operations) {
  const need = new Map();
  const todo = [];
  ops.forEach((o) => spreads(o, todo));
  while (todo.length) {
    const n = todo.pop();
    if (need.has(n) || !fragments.has(n)) continue;
    need.set(n, fragments.get(n));
    spreads(fragments.get(n), todo);
  }
  const errors = validate(schema, { kind: 'Document', definitions: [...ops, ...need.values()] });
  if (errors.length) invalid++; else valid++;
}
console.log(`graphql-js: ${operations.length} operation files, ${valid} valid, ${invalid} with errors`);

// graphql-js doing what `plain-contract check --schema plain` does on the SDK
// layout, in one Node process: build the schema, then for each operation file
// parse and validate the document made of the operation and the fragments it
// uses (transitively, from the fragment files), with graphql-js's specifiedRules.
//
//   node graphql-js.mjs GRAPHQL_JS_DIR SCHEMA.graphql DIR...
import fs from 'node:fs';
import { graphqlFiles, graphqlJs, needed } from './files.mjs';

const [gjs, schemaPath, ...dirs] = process.argv.slice(2);
const { buildSchema, parse, validate } = graphqlJs(gjs);
const files = graphqlFiles(dirs);

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
let valid = 0, invalid = 0;
for (const [, ops] of operations) {
  const need = needed(fragments, ops);
  const errors = validate(schema, { kind: 'Document', definitions: [...ops, ...need.values()] });
  if (errors.length) invalid++; else valid++;
}
console.log(`graphql-js: ${operations.length} operation files, ${valid} valid, ${invalid} with errors`);

// graphql-js doing what `plain-contract check --schema plain DIR` does on a
// folder of self-contained documents, in one Node process: build the
// schema, then parse and validate each file on its own (specifiedRules).
//
//   node graphql-js-each.mjs GRAPHQL_JS_DIR SCHEMA.graphql DIR...
import fs from 'node:fs';
import { graphqlFiles, graphqlJs } from './files.mjs';

const [gjs, schemaPath, ...dirs] = process.argv.slice(2);
const { buildSchema, parse, validate } = graphqlJs(gjs);
const files = graphqlFiles(dirs);
const schema = buildSchema(fs.readFileSync(schemaPath, 'utf8'));
let valid = 0, invalid = 0;
for (const f of files) {
  const errors = validate(schema, parse(fs.readFileSync(f, 'utf8')));
  if (errors.length) invalid++; else valid++;
}
console.log(`graphql-js: ${files.length} files, ${valid} valid, ${invalid} with errors`);

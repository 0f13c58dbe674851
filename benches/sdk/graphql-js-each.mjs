// graphql-js doing what `plain-contract check --schema plain DIR` does on a
// folder of self-contained documents, in one Node process: build the
// schema, then parse and validate each file on its own (specifiedRules).
//
//   node graphql-js-each.mjs GRAPHQL_JS_DIR SCHEMA.graphql DIR...
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
let valid = 0, invalid = 0;
for (const f of files) {
  const errors = validate(schema, parse(fs.readFileSync(f, 'utf8')));
  if (errors.length) invalid++; else valid++;
}
console.log(`graphql-js: ${files.length} files, ${valid} valid, ${invalid} with errors`);

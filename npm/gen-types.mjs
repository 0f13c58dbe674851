// Generates the TypeScript types of the JSON outputs from their JSON Schemas
// (docs/json-output.schema.json -> Outcome, docs/schema-diff.schema.json ->
// SchemaDiff, docs/coverage.schema.json -> Coverage) with json-schema-to-typescript, pinned in npm/build.sh.
// Usage: node gen-types.mjs TOOLS_DIR REPO_DIR OUT_DIR
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [tools, repo, out] = process.argv.slice(2);
const require = createRequire(join(tools, 'package.json'));
const { compile } = require('json-schema-to-typescript');

for (const [file, name, target] of [
  ['docs/json-output.schema.json', 'Outcome', 'outcome.d.ts'],
  ['docs/schema-diff.schema.json', 'SchemaDiff', 'schema-diff.d.ts'],
  ['docs/coverage.schema.json', 'Coverage', 'coverage.d.ts'],
]) {
  const schema = JSON.parse(readFileSync(join(repo, file), 'utf8'));
  // The root's title names the type; the $defs keep their own titles.
  schema.title = name;
  delete schema.$id;
  const ts = await compile(schema, name, {
    bannerComment: `// Generated from ${file} by npm/gen-types.mjs (json-schema-to-typescript). Do not edit.`,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: false,
  });
  writeFileSync(join(out, target), ts);
}

// graphql-js 16's findBreakingChanges + findDangerousChanges on two schemas
// (SDL or introspection JSON files), printed as JSON lines {"type", "description"}.
// Used by tests/integration/schema_diff.rs (differential test) and by the
// whole-process benchmark (docs/schema.md). Usage: node diff.cjs OLD NEW
const fs = require('fs');
const { buildSchema, buildClientSchema, findBreakingChanges, findDangerousChanges } = require('graphql');
function load(path) {
  const text = fs.readFileSync(path, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const json = JSON.parse(text);
    return buildClientSchema(json.data ? json.data : json);
  }
  return buildSchema(text, { assumeValidSDL: false });
}
const [oldPath, newPath] = process.argv.slice(2);
const a = load(oldPath), b = load(newPath);
const out = [...findBreakingChanges(a, b), ...findDangerousChanges(a, b)];
process.stdout.write(out.map((c) => JSON.stringify({ type: c.type, description: c.description })).join('\n') + (out.length ? '\n' : ''));

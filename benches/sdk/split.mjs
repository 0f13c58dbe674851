// Writes Plain's SDK operations as a client repository keeps them: one
// .graphql file per operation, each fragment in its own file.
//
//   node split.mjs GRAPHQL_JS_DIR OUT_DIR TS_SDK_DIR GRAPHQL_PKG_DIR
//
// - @team-plain/typescript-sdk ships .gql files (src/graphql/{queries,mutations,fragments});
//   they are copied as they are (fragments already apart).
// - @team-plain/graphql ships codegen's compiled documents (dist/_generated_documents.js):
//   each exported document holds one operation with its fragments inlined; the
//   operation and every fragment are printed (graphql-js `print`) to their own files.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [gjs, out, tsSdk, gqlPkg] = process.argv.slice(2);
const { print } = createRequire(path.join(path.resolve(gjs), 'x.js'))('graphql');

function copyTree(from, to) {
  let n = 0;
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    if (e.isDirectory()) n += copyTree(src, path.join(to, e.name));
    else if (e.name.endsWith('.gql') || e.name.endsWith('.graphql')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, path.join(to, e.name));
      n++;
    }
  }
  return n;
}
const tsFiles = copyTree(path.join(tsSdk, 'src/graphql'), path.join(out, 'typescript-sdk'));

const docs = await import(pathToFileURL(path.resolve(gqlPkg, 'dist/_generated_documents.js')).href);
let ops = 0;
const frags = new Set();
for (const doc of Object.values(docs)) {
  if (!doc || doc.kind !== 'Document') continue;
  for (const def of doc.definitions) {
    const name = def.name && def.name.value;
    if (!name) continue;
    if (def.kind === 'OperationDefinition') {
      const dir = path.join(out, 'graphql', def.operation === 'mutation' ? 'mutations' : 'queries');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}.graphql`), print(def) + '\n');
      ops++;
    } else if (def.kind === 'FragmentDefinition' && !frags.has(name)) {
      frags.add(name);
      const dir = path.join(out, 'graphql', 'fragments');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}.graphql`), print(def) + '\n');
    }
  }
}
console.log(`typescript-sdk: ${tsFiles} .gql files; @team-plain/graphql: ${ops} operations, ${frags.size} fragments`);

// What the SDK bench scripts share: graphql-js loaded from its folder, the
// .graphql/.gql files under some folders in a stable order, and the fragments
// an operation needs.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/** graphql-js as installed under GRAPHQL_JS_DIR (benches/sdk/fetch.sh). */
export const graphqlJs = (dir) => createRequire(path.join(path.resolve(dir), 'x.js'))('graphql');

/** The .graphql/.gql files under `dirs`, each folder sorted by name. */
export function graphqlFiles(dirs) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(graphql|gql)$/.test(e.name)) files.push(p);
    }
  };
  dirs.forEach(walk);
  return files;
}

/** The names of the fragments `node` spreads (directly), pushed onto `acc`. */
const spreads = (node, acc) => {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((x) => spreads(x, acc));
  if (node.kind === 'FragmentSpread') acc.push(node.name.value);
  for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') spreads(v, acc);
};

/** The fragment definitions `nodes` need, transitively, from `fragments` (a Map by name). */
export function needed(fragments, nodes) {
  const need = new Map();
  const todo = [];
  nodes.forEach((n) => spreads(n.selectionSet, todo));
  while (todo.length) {
    const name = todo.pop();
    if (need.has(name) || !fragments.has(name)) continue;
    need.set(name, fragments.get(name));
    spreads(fragments.get(name).selectionSet, todo);
  }
  return need;
}

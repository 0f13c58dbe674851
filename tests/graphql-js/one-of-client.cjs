// Asks a GraphQL server graphql-js 16's getIntrospectionQuery({ oneOf: true }),
// builds the client schema from the answer with buildClientSchema, and prints,
// as JSON, each input object's isOneOf as graphql-js sees it.
// Usage: node one-of-client.cjs URL TOKEN
const { getIntrospectionQuery, buildClientSchema, isInputObjectType } = require('graphql');
(async () => {
  const [url, token] = process.argv.slice(2);
  const resp = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: getIntrospectionQuery({ oneOf: true }) }),
  });
  const body = await resp.json();
  if (resp.status !== 200 || body.errors) {
    throw new Error(`the server answered ${resp.status}: ${JSON.stringify(body.errors)}`);
  }
  const schema = buildClientSchema(body.data);
  const inputs = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type) && !type.name.startsWith('__')) inputs[type.name] = type.isOneOf;
  }
  process.stdout.write(JSON.stringify(inputs));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});

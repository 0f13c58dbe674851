// Consumer tests written with pact-js, as a team using Plain would write them:
// GraphQL interactions (GraphQLPactV3, PactV4.addGraphQLInteraction) run
// against pact's mock server, which writes the Pact files into the folder
// given as the first argument. Also one plain REST interaction (V4) and a
// message pact (V3): inputs plain-contract skips with a note.
//
//   node tests/pact/consumer.mjs OUT_DIR
//
// tests/integration/pact.rs runs it and compares the files with the ones
// committed in tests/data/pact/ (docs/pact.md).
// Pact's core sends usage statistics unless told not to.
process.env.PACT_DO_NOT_TRACK = 'true';
const { GraphQLPactV3, PactV4, MatchersV3, MessageConsumerPact, synchronousBodyHandler } = await import('@pact-foundation/pact');
import assert from 'node:assert/strict';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'pacts');
const { like, regex, eachLike, integer } = MatchersV3;

async function post(url, body, headers = {}) {
  const res = await fetch(`${url}/graphql/v1`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

// ---- V3: GraphQLPactV3 (pact specification 3.0.0) ----
const customerByEmail = `query customerByEmail($email: String!) {
  customerByEmail(email: $email) {
    id
    fullName
    email { email isVerified }
  }
}`;
const upsert = `mutation upsertCustomer($input: UpsertCustomerInput!) {
  upsertCustomer(input: $input) {
    result
    customer { id externalId fullName }
    error { message type code }
  }
}`;

const v3 = () =>
  new GraphQLPactV3({ consumer: 'support-widget', provider: 'plain-customers', dir: out, logLevel: 'warn' });

{
  const pact = v3()
    .given('a customer with an email address', { email: 'ada@example.com' })
    .uponReceiving('a customerByEmail query for Ada')
    .withRequest({ method: 'POST', path: '/graphql/v1' })
    .withOperation('customerByEmail')
    .withQuery(customerByEmail)
    .withVariables({ email: 'ada@example.com' })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: {
        data: {
          customerByEmail: {
            id: regex('^c_[0-9A-Z]{26}$', 'c_01J8QS2EVXYTG04YC3WE5TF7G2'),
            fullName: like('Ada Lovelace'),
            email: { email: 'ada@example.com', isVerified: like(true) },
          },
        },
      },
    });
  await pact.executeTest(async (server) => {
    const r = await post(server.url, {
      operationName: 'customerByEmail',
      // Other whitespace than the pact's: the regex matcher takes it.
      query: customerByEmail.replace(/\n\s*/g, ' '),
      variables: { email: 'ada@example.com' },
    });
    assert.equal(r.body.data.customerByEmail.fullName, 'Ada Lovelace');
  });
}

{
  const pact = v3()
    .given('no customer with the email address', { email: 'hedy@example.com' })
    .uponReceiving('an upsertCustomer mutation that creates Hedy')
    .withRequest({ method: 'POST', path: '/graphql/v1' })
    .withOperation('upsertCustomer')
    .withMutation(upsert)
    .withVariables({
      input: {
        identifier: { emailAddress: 'hedy@example.com' },
        onCreate: { externalId: 'usr_40219', fullName: 'Hedy Lamarr', email: { email: 'hedy@example.com', isVerified: true } },
        onUpdate: {},
      },
    })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: {
        data: {
          upsertCustomer: {
            result: 'CREATED',
            customer: { id: like('c_01JP9YSNTD5RAENEK15BGFW6YV'), externalId: 'usr_40219', fullName: 'Hedy Lamarr' },
            error: null,
          },
        },
      },
    });
  await pact.executeTest(async (server) => {
    const r = await post(server.url, {
      operationName: 'upsertCustomer',
      query: upsert,
      variables: {
        input: {
          identifier: { emailAddress: 'hedy@example.com' },
          onCreate: { externalId: 'usr_40219', fullName: 'Hedy Lamarr', email: { email: 'hedy@example.com', isVerified: true } },
          onUpdate: {},
        },
      },
    });
    assert.equal(r.body.data.upsertCustomer.result, 'CREATED');
  });
}

// ---- V4: PactV4.addGraphQLInteraction (pact specification 4.0) ----
const customers = `query customers($first: Int!) {
  customers(first: $first) {
    edges { node { id fullName } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const v4 = new PactV4({ consumer: 'support-dashboard', provider: 'plain-customers', dir: out, logLevel: 'warn' });

await v4
  .addGraphQLInteraction()
  .given('two customers exist', { count: 2 })
  .given('the caller may read customers')
  .uponReceiving('a customers page')
  .withOperation('customers')
  .withVariables({ first: 2 })
  .withRequest('POST', '/graphql/v1', (b) => b.headers({ Authorization: 'Bearer <redacted>' }))
  .withQuery(customers)
  .willRespondWith(200, (b) =>
    b.jsonBody({
      data: {
        customers: {
          edges: eachLike({ node: { id: like('c_01J8QS2EVXYTG04YC3WE5TF7G2'), fullName: like('Ada Lovelace') } }, 2),
          pageInfo: { hasNextPage: false, endCursor: like('Y3Vyc29yOjI=') },
        },
      },
    }),
  )
  .executeTest(async (server) => {
    const r = await post(
      server.url,
      { operationName: 'customers', query: customers, variables: { first: 2 } },
      { Authorization: 'Bearer <redacted>' },
    );
    assert.equal(r.body.data.customers.edges.length, 2);
  });

// A plain REST interaction in the same pact: not GraphQL, skipped with a note.
await v4
  .addInteraction()
  .uponReceiving('a health check')
  .withRequest('GET', '/healthz')
  .willRespondWith(200, (b) => b.jsonBody({ ok: like(true), uptime: integer(12) }))
  .executeTest(async (server) => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
  });

// ---- a message pact (V3): another kind, skipped whole ----
const messages = new MessageConsumerPact({
  consumer: 'support-widget-events',
  provider: 'plain-webhooks',
  dir: out,
  logLevel: 'warn',
});
await messages
  .given('a thread was created')
  .expectsToReceive('a thread.created webhook')
  .withContent({ type: 'thread.created', payload: { threadId: like('th_01J8QS2EVXYTG04YC3WE5TF7G2') } })
  .verify(synchronousBodyHandler((body) => assert.equal(body.type, 'thread.created')));

console.log(`pacts written to ${out}`);

import { describe, expect, it } from 'vitest';
import 'plain-contract/vitest';
import { check, coverage, PlainContractError } from 'plain-contract';
import { upsertCustomerBody } from '../src/client.js';

const stub = {
  data: {
    upsertCustomer: {
      result: 'CREATED',
      customer: { id: 'c_01J0000000000000000000000', fullName: 'Ada Lovelace' },
      error: null,
    },
  },
};

describe('toSatisfyPlainContract', () => {
  it('passes for the request the client builds', async () => {
    await expect(upsertCustomerBody('ada@example.com', true)).toSatisfyPlainContract();
  });

  it('passes for the exchange: that request, with a real key, and the stub response', async () => {
    const request = {
      method: 'POST',
      url: 'https://core-api.uk.plain.com/graphql/v1',
      headers: new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer sk_test_not_a_real_key' }),
      body: JSON.stringify(upsertCustomerBody('ada@example.com', true)),
    };
    await expect({ request, response: stub }).toSatisfyPlainContract();
  });

  it('fails for a wrong variable, with the diagnostic and its pointer in the message', async () => {
    await expect(expect(upsertCustomerBody('ada@example.com', 'yes')).toSatisfyPlainContract()).rejects.toThrow(
      "expected the request to satisfy Plain's contract, but plain-contract found 1 error(s):\n" +
        '  [GV003] error: expected Boolean, found a string at /variables/input/onCreate/email/isVerified (request.json:12:25)',
    );
  });

  it('fails for a stub response that does not match the operation', async () => {
    const wrong = { data: { upsertCustomer: { result: 'MAYBE', customer: null, error: null } } };
    await expect(
      expect({ request: upsertCustomerBody('ada@example.com', true), response: wrong }).toSatisfyPlainContract(),
    ).rejects.toThrow(/\/response\/body\/data\/upsertCustomer\/result/);
  });

  it('supports .not', async () => {
    await expect(upsertCustomerBody('ada@example.com', 'yes')).not.toSatisfyPlainContract();
  });
});

describe('check()', () => {
  it('returns findings as a result (exit 1), not an error', async () => {
    const outcome = await check({ text: JSON.stringify(upsertCustomerBody('a@example.com', 1)) });
    expect(outcome.summary.errors).toBe(1);
    expect(outcome.diagnostics[0]).toMatchObject({ code: 'GV003', file: '<text>.json', pointer: '/variables/input/onCreate/email/isVerified' });
  });

  it('checks files as the command line does', async () => {
    const outcome = await check(['fixtures', 'fixtures-broken/broken-request.json']);
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['GQ001']);
    expect(outcome.items.length).toBeGreaterThan(1);
  });

  it('rejects with the diagnostics when the run cannot be done (exit 2)', async () => {
    const error = await check({ text: '{}' }, { schema: 'no-such-schema.graphql' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlainContractError);
    expect((error as PlainContractError).exitCode).toBe(2);
    expect((error as PlainContractError).diagnostics[0]).toMatchObject({ file: 'no-such-schema.graphql' });
  });

  it('rejects a request the worker cannot do, and goes on', async () => {
    await expect(check([])).rejects.toThrow('`paths` is empty');
    await expect(check({ text: '{"query": "{ __typename }"}' })).resolves.toMatchObject({ summary: { errors: 0 } });
  });

  it('batches: many calls at once, one answer each', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => ({ text: JSON.stringify(upsertCustomerBody(`u${i}@example.com`, i % 2 === 0 ? true : 'yes')) }));
    const outcomes = await Promise.all(texts.map((t) => check(t)));
    expect(outcomes.map((o) => o.summary.errors)).toEqual(texts.map((_, i) => (i % 2 === 0 ? 0 : 1)));
  });
});

describe('coverage()', () => {
  it('counts what the fixtures exercise; a gate not met is still a result', async () => {
    const report = await coverage(['fixtures'], { scope: 'customers', failUnder: 'fields=100' });
    expect(report.version).toBe(1);
    expect(report.scope).toBe('customers');
    expect(report.inputs.exchanges).toBeGreaterThan(0);
    expect(report.coordinates.some((c) => c.coordinate === 'Query.customerByEmail')).toBe(true);
  });

  it('rejects an unknown scope (exit 2)', async () => {
    const error = await coverage(['fixtures'], { scope: 'Query.noSuchField' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlainContractError);
    expect((error as PlainContractError).exitCode).toBe(2);
  });
});

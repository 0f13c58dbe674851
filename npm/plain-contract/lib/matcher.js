'use strict';
// `toSatisfyPlainContract`, shared by plain-contract/vitest and
// plain-contract/jest. The received value is what a team's code builds and
// its stub returns:
//   - a GraphQL request body, `{ query, variables?, operationName? }`;
//   - an exchange, `{ request, response? }`, where `request` is a body or
//     `{ method, url | path, headers, body }` (a fetch-style string body is
//     parsed), and `response` is a GraphQL response body (`{ data, errors }`)
//     or `{ status, headers, body }`;
//   - a text, `{ text, name? }`, or a string (kind from its content).
// Bearer tokens in headers are replaced by `Bearer <redacted>` before the
// check: the contract says a Bearer key is sent, the test's key is no concern
// of it, and no key is ever passed on or printed.

const { check, describe } = require('./index.js');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function headerEntries(h) {
  if (Array.isArray(h)) return h.map((x) => (Array.isArray(x) ? x : [x.name, x.value]));
  if (typeof h.entries === 'function' && typeof h.get === 'function') return [...h.entries()]; // Headers, Map
  return Object.entries(h);
}

function headersOf(h) {
  if (!h || typeof h !== 'object') return h;
  const out = {};
  for (const [name, value] of headerEntries(h)) {
    out[name] = /^authorization$/i.test(name) && /^bearer\s/i.test(String(value)) ? 'Bearer <redacted>' : value;
  }
  return out;
}

function bodyFields(body) {
  if (typeof body !== 'string') return { body };
  try {
    return { body: JSON.parse(body) };
  } catch {
    return { bodyText: body };
  }
}

function request(req) {
  if (isObject(req) && 'query' in req && !('body' in req) && !('bodyText' in req) && !('method' in req)) {
    return {
      method: 'POST',
      path: '/graphql/v1',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer <redacted>' },
      body: req,
    };
  }
  if (!isObject(req)) return req;
  const { body, headers, ...rest } = req;
  const out = { ...rest };
  if (headers !== undefined) out.headers = headersOf(headers);
  if (body !== undefined) Object.assign(out, bodyFields(body));
  return out;
}

function response(res) {
  if (isObject(res) && !('status' in res) && ('data' in res || 'errors' in res)) {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: res };
  }
  if (!isObject(res)) return res;
  const { body, headers, ...rest } = res;
  const out = { ...rest };
  if (headers !== undefined) out.headers = headersOf(headers);
  if (body !== undefined) Object.assign(out, bodyFields(body));
  return out;
}

/** The input `check` gets for a received value, and what to call it in messages. */
function inputOf(received) {
  if (typeof received === 'string') return [{ text: received }, 'the text'];
  if (isObject(received) && typeof received.text === 'string') return [{ text: received.text, name: received.name }, received.name || 'the text'];
  if (isObject(received) && 'request' in received) {
    const ex = { ...received, request: request(received.request) };
    if ('response' in received) ex.response = response(received.response);
    return [{ text: JSON.stringify(ex, null, 2), name: 'exchange.json' }, 'the exchange'];
  }
  if (isObject(received) && 'query' in received) {
    return [{ text: JSON.stringify(received, null, 2), name: 'request.json' }, 'the request'];
  }
  return [null, null];
}

async function toSatisfyPlainContract(received, options = {}) {
  const [input, what] = inputOf(received);
  if (!input) {
    return {
      pass: false,
      message: () =>
        'toSatisfyPlainContract: expected a GraphQL request body ({ query, variables? }), an exchange ({ request, response? }), ' +
        `a { text, name? } or a string; received ${received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received}`,
    };
  }
  const outcome = await check(input, options);
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  const pass = errors.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${what} not to satisfy Plain's contract, but it does (${outcome.summary.items} item(s) checked, no error)`
        : `expected ${what} to satisfy Plain's contract, but plain-contract found ${errors.length} error(s):\n${describe(errors)}`,
  };
}

module.exports = { toSatisfyPlainContract, inputOf };

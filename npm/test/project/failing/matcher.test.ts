// Fails on purpose: .ci/npm.sh asserts what Vitest prints for it.
import { expect, it } from 'vitest';
import 'plain-contract/vitest';
import { upsertCustomerBody } from '../src/client.js';

it('a request with a wrong variable', async () => {
  await expect(upsertCustomerBody('ada@example.com', 'yes')).toSatisfyPlainContract();
});

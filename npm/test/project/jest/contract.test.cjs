// The Jest matcher: registered by requiring plain-contract/jest.
require('plain-contract/jest');

const body = (verified) => ({
  query: 'mutation U($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id } error { message type code } } }',
  variables: {
    input: {
      identifier: { emailAddress: 'ada@example.com' },
      onCreate: { fullName: 'Ada', email: { email: 'ada@example.com', isVerified: verified } },
      onUpdate: {},
    },
  },
});

test('a request Plain accepts', async () => {
  await expect(body(true)).toSatisfyPlainContract();
});

test('a wrong variable fails with its pointer', async () => {
  await expect(expect(body('yes')).toSatisfyPlainContract()).rejects.toThrow(
    '[GV003] error: expected Boolean, found a string at /variables/input/onCreate/email/isVerified',
  );
  await expect(body('yes')).not.toSatisfyPlainContract();
});

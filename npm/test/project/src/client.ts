// What a team's code builds: the body its client POSTs to Plain.
export function upsertCustomerBody(email: string, verified: unknown) {
  return {
    query:
      'mutation UpsertCustomer($input: UpsertCustomerInput!) {\n  upsertCustomer(input: $input) {\n    result\n    customer { id fullName }\n    error { message type code }\n  }\n}\n',
    variables: {
      input: {
        identifier: { emailAddress: email },
        onCreate: { fullName: 'Ada Lovelace', email: { email, isVerified: verified } },
        onUpdate: {},
      },
    },
  };
}

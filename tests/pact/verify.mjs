// The Pact verifier (pact-js's Verifier: the Rust pact_verifier core through
// FFI, the one pact_verifier_cli runs) replaying a pact against a provider:
//
//   PLAIN_API_KEY=... node tests/pact/verify.mjs PACT_FILE BASE_URL
//
// The key is added to every request (customProviderHeaders) from the
// environment, never from the command line, and is never printed. Exit 0
// when every interaction is verified, 1 otherwise (pact-js reports which).
// Pact's core sends usage statistics unless told not to.
process.env.PACT_DO_NOT_TRACK = 'true';
const { Verifier } = await import('@pact-foundation/pact');
import path from 'node:path';

const [pactFile, baseUrl] = process.argv.slice(2);
if (!pactFile || !baseUrl) {
  console.error('usage: node verify.mjs PACT_FILE BASE_URL');
  process.exit(2);
}
const key = process.env.PLAIN_API_KEY;
try {
  await new Verifier({
    providerBaseUrl: baseUrl,
    pactUrls: [path.resolve(pactFile)],
    customProviderHeaders: key ? { Authorization: `Bearer ${key}` } : {},
    logLevel: 'warn',
  }).verifyProvider();
  console.log('pact verified');
} catch (e) {
  console.error(`pact verification failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

import type { CheckOptions } from './lib/index.js';

interface PlainContractMatchers<R = unknown> {
  /** Checks a request body, an exchange `{ request, response }` or a text against Plain's contract. Await it. */
  toSatisfyPlainContract(options?: CheckOptions): Promise<R>;
}

declare module 'vitest' {
  interface Assertion<T = any> extends PlainContractMatchers<void> {}
  interface AsymmetricMatchersContaining extends PlainContractMatchers {}
}

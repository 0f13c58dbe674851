import type { CheckOptions } from './lib/index';

interface PlainContractMatchers<R> {
  /** Checks a request body, an exchange `{ request, response }` or a text against Plain's contract. Await it. */
  toSatisfyPlainContract(options?: CheckOptions): Promise<R>;
}

declare global {
  namespace jest {
    interface Matchers<R> extends PlainContractMatchers<R> {}
  }
}

declare module 'expect' {
  interface Matchers<R> extends PlainContractMatchers<R> {}
}

export {};

// import 'plain-contract/vitest': registers expect(x).toSatisfyPlainContract() (async: await it).
import { expect } from 'vitest';
import matcher from './lib/matcher.js';

expect.extend({ toSatisfyPlainContract: matcher.toSatisfyPlainContract });

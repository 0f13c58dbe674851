'use strict';
// require('plain-contract/jest') (or setupFilesAfterEach): registers
// expect(x).toSatisfyPlainContract() (async: await it).
const { toSatisfyPlainContract } = require('./lib/matcher.js');

const jestExpect = typeof globalThis.expect === 'function' ? globalThis.expect : require('@jest/globals').expect;
jestExpect.extend({ toSatisfyPlainContract });

// The typed API as a TypeScript user writes it; `tsc --noEmit` must pass,
// and each @ts-expect-error must meet a real type error.
import { check, coverage, generate, schemaDiff, describe, PlainContractError } from 'plain-contract';
import type { Outcome, Diagnostic, Item, SchemaDiff, CheckOptions, Coverage } from 'plain-contract';

export async function sample(): Promise<number> {
  const options: CheckOptions = { schema: 'plain', allowEmpty: true };
  const outcome: Outcome = await check({ text: '{"query": "{ __typename }"}', name: 'body.json' }, options);
  const first: Diagnostic | undefined = outcome.diagnostics[0];
  const severity: 'error' | 'warning' | undefined = first?.severity;
  const pointer: string | null | undefined = first?.pointer;
  const items: Item[] = (await check(['fixtures/'])).items;
  const version: 1 = outcome.version;
  const errors: number = outcome.summary.errors;
  const values = await generate({ type: 'UpsertCustomerInput', count: 2, seed: 'c0ffee', invalid: true });
  const code: string | undefined = values[0]?.expect?.code;
  const diff: SchemaDiff = await schemaDiff('customers', 'plain', { failOn: 'none' });
  const cov: Coverage = await coverage(['fixtures/'], { scope: 'customers', failUnder: 'fields=10' });
  const covered: number = cov.coordinates.length;
  // @ts-expect-error: the paths are a list
  await coverage('fixtures/');
  try {
    await check({ text: '{}' }, { schema: 'missing.graphql' });
  } catch (e) {
    if (e instanceof PlainContractError) console.log(describe(e.diagnostics), e.exitCode);
  }
  // @ts-expect-error: a single path is a list of one
  await check('fixtures/');
  // @ts-expect-error: `text` is a string
  await check({ text: 42 });
  // @ts-expect-error: severity is error or warning
  const wrong: 'note' = first!.severity;
  // @ts-expect-error: no such field in version 1
  outcome.summary.notes;
  return [severity, pointer, items, version, errors, code, diff.changes.length, covered, wrong].length;
}

// The JavaScript API's types. `Outcome` and `SchemaDiff` (and the types they
// name: Diagnostic, Summary, Item...) are generated at build time from
// docs/json-output.schema.json and docs/schema-diff.schema.json
// (npm/gen-types.mjs, json-schema-to-typescript): they are never written by hand.
import type { Outcome } from './outcome';
import type { SchemaDiff } from './schema-diff';
import type { Coverage } from './coverage';

export type * from './outcome';
export type { SchemaDiff } from './schema-diff';
export type { Coverage } from './coverage';

/** What chooses the contract and the project, as the command line's flags do. */
export interface ContractOptions {
  /** GraphQL schema: an SDL file, a folder of SDL, introspection JSON, a URL, or `plain` / `customers` (`--schema`). */
  schema?: string;
  /** OpenAPI 3.0 document to use instead of the built-in one (`--openapi`). */
  openapi?: string;
  /** plain-contract.toml to use (`--config`; default: the nearest one). */
  config?: string;
  /** The graphql-config project (`--project`). */
  project?: string;
  /** Working directory of the run: where paths, plain-contract.toml and graphql-config are found (default: process.cwd()). */
  cwd?: string;
}

export interface CheckOptions extends ContractOptions {
  /** What recorded exchanges show, unless an exchange says (`--expect`). */
  expect?: 'accepted' | 'rejected' | 'either';
  /** Succeed when the input holds nothing to check (`--allow-empty`; by default that is error PC012). */
  allowEmpty?: boolean;
}

/** A text checked as `check` checks a file named `name` (without a name, its kind comes from its content). */
export interface TextInput {
  text: string;
  /** e.g. `request.json`, `capture.har`, `queries.graphql`, `stream.ndjson`: the extension says what it is. */
  name?: string;
}

/**
 * Checks files and folders (as `plain-contract check PATHS...`) or a text.
 * Resolves to the `--format json` object, findings included
 * (`summary.errors > 0` is what exits 1 on the command line). Rejects with a
 * {@link PlainContractError} when the check cannot be done (exit 2).
 */
export function check(input: readonly string[] | TextInput, options?: CheckOptions): Promise<Outcome>;

export interface GenerateOptions extends ContractOptions {
  /** Input type to generate (default UpsertCustomerInput). */
  type?: string;
  /** Number of values (default 10). */
  count?: number;
  /** 1 to 16 hex digits; the same seed gives the same values. */
  seed?: string;
  /** Operation document whose variable of that type the values fill. */
  operation?: string;
  /** Single-fault invalid values, each with the code and pointer `check` must report. */
  invalid?: boolean;
}

export interface Generated {
  variables: Record<string, unknown>;
  /** With `invalid`: the finding the value must produce. */
  expect?: { code: string; pointer: string };
}

/** Generated variables, as `plain-contract generate` prints them. */
export function generate(options?: GenerateOptions): Promise<Generated[]>;

export interface SchemaDiffOptions {
  /** When the command line would exit 1 (the result is returned either way). */
  failOn?: 'breaking' | 'dangerous' | 'none' | 'used-breaking';
  /** Operations and fixtures: which of them each change breaks. */
  against?: readonly string[];
  config?: string;
  cwd?: string;
}

/** Every change from `oldSchema` to `newSchema`, as `schema diff --format json` reports it. */
export function schemaDiff(oldSchema: string, newSchema: string, options?: SchemaDiffOptions): Promise<SchemaDiff>;

export interface CoverageOptions extends ContractOptions {
  /** `customers`, or coordinates and globs, comma-separated (`--scope`). */
  scope?: string;
  /** Gates, e.g. `fields=80,enum-values=50` (`--fail-under`); a gate not met is exit 1, still a result. */
  failUnder?: string;
  /** Succeed when the paths hold nothing to check (`--allow-empty`). */
  allowEmpty?: boolean;
}

/** What of the contract the paths (default: the project's documents) exercise, as `coverage --format json` reports it. */
export function coverage(paths?: readonly string[], options?: CoverageOptions): Promise<Coverage>;

/** Ends the worker processes now (they also end when this process does). */
export function close(): void;

/** The diagnostics, one a line: `[CODE] severity: message at /pointer (file:line:col)`. */
export function describe(diagnostics: Outcome['diagnostics']): string;

/** A run that could not be done (the binary exited 2, or could not be started). */
export class PlainContractError extends Error {
  readonly name: 'PlainContractError';
  /** What the binary reported about why (an unusable schema, configuration, project...). */
  readonly diagnostics: Outcome['diagnostics'];
  readonly exitCode: number | null;
  readonly stderr: string;
}

import type { ErrorObject } from 'ajv';

/**
 * Reduces ajv's `allErrors` output to the errors worth showing. A failed `oneOf`/`anyOf` reports the
 * union itself plus every error of every branch; a person needs only the errors of the branch they
 * meant. The branch is picked as follows:
 *
 * 1. Branches whose type doesn't fit the value at all (a `type` error at the union's own path) are out.
 * 2. If every branch is out, one `type` error listing all accepted types replaces them.
 * 3. If every remaining branch fails only on `required` at the union's path (application `type` or
 *    `stack`), one synthetic `requiredOneOf` error lists the alternatives.
 * 4. Otherwise the branch with the fewest errors wins. For routes, only the branches the route's `type`
 *    calls for compete (`redirect`/`proxy` need `to`, `upstream` needs `upstream`).
 *
 * Unions are resolved outermost first and the chosen branch's errors go round again, so nested unions
 * collapse too. Duplicates (same path, keyword and parameters) are dropped at the end.
 */
export function collapseSchemaErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let pending = [...errors];
  for (;;) {
    const union = findOutermostUnion(pending);
    if (!union) break;
    const prefix = `${union.schemaPath}/`;
    const isInBranch = (e: ErrorObject) =>
      e.schemaPath.startsWith(prefix) &&
      (e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`));
    const rest = pending.filter((e) => e !== union && !isInBranch(e));
    pending = [...rest, ...pickBranchErrors(union, pending.filter(isInBranch))];
  }
  return removeDuplicates(pending);
}

function findOutermostUnion(errors: readonly ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    if (!best || error.schemaPath.length < best.schemaPath.length) best = error;
  }
  return best;
}

function pickBranchErrors(union: ErrorObject, branchErrors: ErrorObject[]): ErrorObject[] {
  // oneOf that failed because several branches matched: no branch errors to show, the union says it all.
  if (union.keyword === 'oneOf' && Array.isArray(union.params.passingSchemas)) return [union];

  const branches = new Map<string, ErrorObject[]>();
  for (const error of branchErrors) {
    const index = error.schemaPath.slice(union.schemaPath.length + 1).split('/')[0] ?? '';
    branches.set(index, [...(branches.get(index) ?? []), error]);
  }
  const isRootTypeError = (e: ErrorObject) => e.keyword === 'type' && e.instancePath === union.instancePath;
  const fitting = [...branches.entries()].filter(([, errs]) => !errs.some(isRootTypeError));

  if (fitting.length === 0) {
    const types = new Set<string>();
    for (const error of branchErrors.filter(isRootTypeError)) {
      const type: unknown = error.params.type;
      for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') types.add(t);
    }
    return [{ ...union, keyword: 'type', params: { type: [...types] }, message: `must be ${[...types].join(' or ')}` }];
  }

  // A route's `type` says which branch it meant (`redirect`/`proxy` need `to`, `upstream` needs `upstream`).
  const wanted = findRouteRequirement(union);
  const meant = wanted === undefined ? [] : fitting.filter(([index]) => requiresProperty(union, index, wanted));
  const candidates = meant.length > 0 ? meant : fitting;

  const onlyRequiredAtRoot = candidates.every(([, errs]) =>
    errs.every((e) => e.keyword === 'required' && e.instancePath === union.instancePath),
  );
  if (onlyRequiredAtRoot && candidates.length > 1) {
    const missing = candidates.flatMap(([, errs]) => errs.map((e) => String(e.params.missingProperty)));
    return [{ ...union, keyword: 'requiredOneOf', params: { missingProperties: [...new Set(missing)] } }];
  }
  candidates.sort(([, a], [, b]) => a.length - b.length);
  return candidates[0]?.[1] ?? [union];
}

/** For a route object, the property its `type` needs (routes `oneOf` in the schema). */
function findRouteRequirement(union: ErrorObject): string | undefined {
  const data: unknown = union.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const type = (data as Record<string, unknown>).type;
  if (type === 'redirect' || type === 'proxy') return 'to';
  if (type === 'upstream') return 'upstream';
  return undefined;
}

function requiresProperty(union: ErrorObject, branchIndex: string, property: string): boolean {
  const branches: unknown = union.schema;
  if (!Array.isArray(branches)) return false;
  const branch: unknown = branches[Number(branchIndex)];
  if (typeof branch !== 'object' || branch === null) return false;
  const required = (branch as Record<string, unknown>).required;
  return Array.isArray(required) && required.includes(property);
}

function removeDuplicates(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import { formatValue, isTruthy, readField, type TemplateFunction } from './evaluate-go-template.js';

/** What the template functions need from the outside world. */
export interface HugoFunctionHooks {
  partial(name: string, context: unknown): unknown;
  readFile(path: string): string;
  /** Hugo's `markdownify`/`RenderString` of a string: here, shortcode resolution only (output stays Markdown). */
  renderString(text: string): string;
  year: number;
}

/** The Hugo template functions the docs theme uses, with Hugo's argument order (piped value last). */
export function createHugoFunctions(hooks: HugoFunctionHooks): Record<string, TemplateFunction> {
  const identity = (value: unknown): unknown => value;
  return {
    eq: (left, ...rights) => rights.some((right) => isEqual(left, right)),
    ne: (left, right) => !isEqual(left, right),
    lt: (left, right) => compare(left, right) < 0,
    le: (left, right) => compare(left, right) <= 0,
    gt: (left, right) => compare(left, right) > 0,
    ge: (left, right) => compare(left, right) >= 0,
    and: (...values) => values.find((value) => !isTruthy(value)) ?? values[values.length - 1],
    or: (...values) => values.find((value) => isTruthy(value)) ?? values[values.length - 1],
    not: (value) => !isTruthy(value),
    len: (value) => lengthOf(value),
    index: (collection, ...keys) => keys.reduce<unknown>((value, key) => readIndex(value, key), collection),
    print: (...values) => sprint(values),
    println: (...values) => `${values.map(formatValue).join(' ')}\n`,
    printf: (format, ...values) => sprintf(String(format), values),
    errorf: (format, ...values) => {
      throw new Error(sprintf(String(format), values));
    },
    warnf: () => '',
    default: (fallback, given) => (isTruthy(given) ? given : fallback),
    cond: (test, yes, no) => (isTruthy(test) ? yes : no),
    string: (value) => formatValue(value),
    int: (value) => toInt(value),
    float: (value) => Number(value),
    lower: (value) => formatValue(value).toLowerCase(),
    upper: (value) => formatValue(value).toUpperCase(),
    title: (value) => formatValue(value).replace(/\b\w/g, (char) => char.toUpperCase()),
    urlize: (value) => slugify(formatValue(value)),
    anchorize: (value) => slugify(formatValue(value)),
    replace: (value, old, replacement) => formatValue(value).split(formatValue(old)).join(formatValue(replacement)),
    trim: (value, cutset) => trimSet(formatValue(value), formatValue(cutset)),
    chomp: (value) => formatValue(value).replace(/(\r?\n)+$/, ''),
    split: (value, separator) => formatValue(value).split(formatValue(separator)),
    delimit: (list, separator, last) => joinList(list, formatValue(separator), last === undefined ? undefined : formatValue(last)),
    in: (collection, value) => (typeof collection === 'string' ? collection.includes(formatValue(value)) : toList(collection).some((entry) => isEqual(entry, value))),
    isset: (collection, key) => readIndex(collection, key) !== undefined,
    dict: (...pairs) => {
      const result: Record<string, unknown> = {};
      for (let index = 0; index + 1 < pairs.length; index += 2) result[formatValue(pairs[index])] = pairs[index + 1];
      return result;
    },
    slice: (...values) => values,
    append: (...values) => [...toList(values[values.length - 1]), ...values.slice(0, -1)],
    add: (left, right) => (typeof left === 'string' ? left + formatValue(right) : Number(left) + Number(right)),
    sub: (left, right) => Number(left) - Number(right),
    mul: (left, right) => Number(left) * Number(right),
    sort: (collection, key, order) => sortList(collection, key === undefined ? undefined : formatValue(key), order === 'desc'),
    first: (count, list) => toList(list).slice(0, Number(count)),
    markdownify: (value) => hooks.renderString(formatValue(value)),
    safeHTML: identity,
    safeHTMLAttr: identity,
    safeURL: identity,
    htmlUnescape: identity,
    relURL: identity,
    absURL: identity,
    plainify: (value) => formatValue(value).replace(/<[^>]+>/g, ''),
    highlight: (code, lang) => `\n\`\`\`${formatValue(lang)}\n${formatValue(code).replace(/\n+$/, '')}\n\`\`\`\n`,
    partial: (name, context) => hooks.partial(formatValue(name), context),
    readFile: (path) => hooks.readFile(formatValue(path)),
    getenv: () => '',
    ref: (_page, path) => path,
    relref: (_page, path) => path,
    T: (key) => key,
    i18n: (key) => key,
    now: () => ({ Year: hooks.year }),
  };
}

function isEqual(left: unknown, right: unknown): boolean {
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  return left === right || (left == null && right == null);
}

function compare(left: unknown, right: unknown): number {
  if (typeof left === 'number' || typeof right === 'number') return Number(left) - Number(right);
  return formatValue(left).localeCompare(formatValue(right));
}

function lengthOf(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (typeof value === 'object') return Object.keys(value).length;
  throw new Error(`len of ${typeof value}`);
}

function readIndex(value: unknown, key: unknown): unknown {
  if (Array.isArray(value)) return value[Number(key)];
  return readField(value, formatValue(key));
}

function toInt(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'number') return Math.trunc(value);
  const parsed = Number.parseInt(formatValue(value), 10);
  if (Number.isNaN(parsed)) throw new Error(`unable to cast ${JSON.stringify(value)} to int`);
  return parsed;
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return Object.values(value);
  return [];
}

function joinList(list: unknown, separator: string, last: string | undefined): string {
  const values = toList(list).map(formatValue);
  if (last === undefined || values.length < 2) return values.join(separator);
  return `${values.slice(0, -1).join(separator)}${last}${values[values.length - 1]}`;
}

function sortList(collection: unknown, key: string | undefined, descending: boolean): unknown[] {
  const values = [...toList(collection)];
  const keyOf = (entry: unknown): unknown => (key === undefined || key === 'value' ? entry : readField(entry, key));
  values.sort((left, right) => {
    const a = keyOf(left);
    const b = keyOf(right);
    const order = typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'boolean' || typeof b === 'boolean' ? Number(a) - Number(b) : formatValue(a).localeCompare(formatValue(b));
    return descending ? -order : order;
  });
  return values;
}

function trimSet(value: string, cutset: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && cutset.includes(value[start] as string)) start += 1;
  while (end > start && cutset.includes(value[end - 1] as string)) end -= 1;
  return value.slice(start, end);
}

function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Go's fmt.Sprint: a space goes between operands when neither side is a string. */
function sprint(values: unknown[]): string {
  let out = '';
  values.forEach((value, index) => {
    if (index > 0 && typeof value !== 'string' && typeof values[index - 1] !== 'string') out += ' ';
    out += formatValue(value);
  });
  return out;
}

function sprintf(format: string, values: unknown[]): string {
  let next = 0;
  return format.replace(/%([%sdvqT])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    const value = values[next];
    next += 1;
    if (verb === 'q') return JSON.stringify(formatValue(value));
    if (verb === 'T') return typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'int' : 'map[string]interface {}';
    if (verb === 'd') return String(toInt(value));
    return formatValue(value);
  });
}

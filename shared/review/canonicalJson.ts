/**
 * Canonical JSON: the one spelling of a JSON value that content addresses
 * (revision ids) are hashed from. Object keys are sorted by UTF-16 code units
 * (the order of JavaScript's default sort, so every side agrees without a
 * locale), there is no whitespace, and strings and numbers are written as
 * `JSON.stringify` writes them. Two values that mean the same JSON give the
 * same text, whatever order their keys were built in.
 *
 * Like `JSON.stringify`, properties whose value is `undefined` are left out of
 * objects. Unlike it, anything JSON cannot carry faithfully is refused rather
 * than silently changed: non-finite numbers, `undefined` as a whole value or
 * inside an array, functions, symbols, bigints, and objects that are not plain
 * (Dates, Maps, class instances), whose JSON form would depend on a `toJSON`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

/** Thrown for a value that has no canonical JSON form; `path` says where (`$.body.root`). */
export class CanonicalJsonError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

function write(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${String(value)} is not a JSON number`);
      // -0 and 0 are the same JSON number.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  if (open.has(value)) throw new CanonicalJsonError(path, 'the value contains itself');
  open.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]`, 'undefined inside an array has no JSON form');
        items.push(write(item, `${path}[${i}]`, open));
      }
      return `[${items.join(',')}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(path, 'only plain objects and arrays have a canonical form');
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, open)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

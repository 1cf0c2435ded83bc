import { types, type PGlite } from '@electric-sql/pglite';

/**
 * Parameterised queries on PGlite as named prepared statements, one call
 * into the database per execution.
 *
 * Why. `PGlite.query` parses and plans the text every time and talks to the
 * WASM backend in six separate calls (Parse, Describe, Bind, Describe,
 * Execute, Sync). On the hub's queries that was 0.3–0.7 ms each before any
 * row was read, and a push is several queries; since PGlite runs in the hub's
 * own thread, that time is taken from every other request. Here a text is
 * parsed and described once (its parameter types and result columns kept),
 * and each execution is one message: Bind + Execute + Sync. PostgreSQL keeps
 * the statement's plan (custom plans at first, a generic one once it is as
 * good), as node-postgres does with named statements on a server.
 *
 * Values go in and come out exactly as `PGlite.query` sends and returns
 * them: parameters through the instance's serializers for the type the
 * server inferred, results through `types.parseType` with its parsers.
 *
 * The caller holds PGlite's locks (see sql.ts): this only builds and sends
 * messages. A statement that fails is dropped from the cache (a schema
 * change can make a kept result description wrong) and closed on the next
 * prepare.
 */

interface Prepared {
  name: string;
  paramTypes: number[];
  /** Null: the statement returns no rows (NoData). */
  fields: { name: string; dataTypeID: number }[] | null;
}

/** Statements kept per database; texts beyond this (generated SQL) run unnamed through `PGlite.query`. */
const MAX_STATEMENTS = 500;

const encoder = new TextEncoder();

/** A frontend protocol message: type byte, int32 length (itself included), body. */
class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  int16(value: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setInt16(0, value);
    this.push(b);
    return this;
  }

  int32(value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, value);
    this.push(b);
    return this;
  }

  cstring(text: string): this {
    const bytes = encoder.encode(text);
    const b = new Uint8Array(bytes.length + 1);
    b.set(bytes);
    this.push(b);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.push(value);
    return this;
  }

  /** The message with this body, and the body cleared. */
  message(code: string): Uint8Array {
    const out = new Uint8Array(5 + this.size);
    out[0] = code.charCodeAt(0);
    new DataView(out.buffer).setInt32(1, 4 + this.size);
    let at = 5;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = [];
    this.size = 0;
    return out;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const SYNC = new Writer().message('S');

interface BackendMessage {
  name: string;
  dataTypeIDs?: number[];
  fields?: unknown[];
}

export interface PreparedQueries {
  /** Runs `text` with `params`; the caller holds PGlite's query lock. */
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
}

export function preparedQueries(db: PGlite): PreparedQueries {
  const statements = new Map<string, Prepared>();
  /** Statements dropped after a failure, closed with the next Parse. */
  const stale: string[] = [];
  let serial = 0;

  const prepare = async (text: string): Promise<Prepared> => {
    const name = `cd_${(serial += 1).toString(36)}`;
    const w = new Writer();
    const parts = stale.splice(0).map((old) => w.bytes(encoder.encode('S')).cstring(old).message('C'));
    parts.push(w.cstring(name).cstring(text).int16(0).message('P'), w.bytes(encoder.encode('S')).cstring(name).message('D'), SYNC);
    const messages = (await db.execProtocolStream(concat(parts), { syncToFs: false })) as BackendMessage[];
    let paramTypes: number[] = [];
    let fields: Prepared['fields'] = null;
    for (const m of messages) {
      if (m.name === 'parameterDescription') paramTypes = m.dataTypeIDs ?? [];
      else if (m.name === 'rowDescription') fields = (m.fields as { name: string; dataTypeID: number }[]).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    }
    return { name, paramTypes, fields };
  };

  return {
    query: async <T,>(text: string, params: readonly unknown[]): Promise<T[]> => {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= MAX_STATEMENTS) return (await db.query<T>(text, [...params])).rows;
        statement = await prepare(text);
        statements.set(text, statement);
      }
      const w = new Writer();
      w.cstring('').cstring(statement.name).int16(0).int16(params.length);
      params.forEach((value, i) => {
        if (value === null || value === undefined) {
          w.int32(-1);
          return;
        }
        const serialize = db.serializers[statement.paramTypes[i]!];
        const bytes = encoder.encode(serialize ? serialize(value) : (value as { toString(): string }).toString());
        w.int32(bytes.length).bytes(bytes);
      });
      w.int16(0);
      const bind = w.message('B');
      const execute = w.cstring('').int32(0).message('E');
      let messages: BackendMessage[];
      try {
        messages = (await db.execProtocolStream(concat([bind, execute, SYNC]), { syncToFs: false })) as BackendMessage[];
      } catch (error) {
        statements.delete(text);
        stale.push(statement.name);
        throw error;
      }
      const fields = statement.fields;
      if (!fields) return [];
      const rows: T[] = [];
      for (const m of messages) {
        if (m.name !== 'dataRow') continue;
        const values = m.fields as (string | null)[];
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) row[fields[i]!.name] = types.parseType(values[i]!, fields[i]!.dataTypeID, db.parsers);
        rows.push(row as T);
      }
      return rows;
    },
  };
}

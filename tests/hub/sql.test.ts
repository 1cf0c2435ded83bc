import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, listMigrations, migrate } from '../../server/db/migrate.ts';
import { openSql, type Sql } from '../../server/db/sql.ts';
import { DATABASE_LABEL, isolatedDatabase } from './support/hub.ts';

/** The Sql layer behaves the same on PGlite and PostgreSQL: values, transactions, LISTEN/NOTIFY, migrations. */
describe(`hub database layer (${DATABASE_LABEL})`, () => {
  let sql: Sql;
  let drop = async () => {};
  beforeAll(async () => {
    const database = await isolatedDatabase();
    drop = database.drop;
    sql = await openSql(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
    await sql.exec('CREATE TABLE probe (id bigserial PRIMARY KEY, label text NOT NULL, at timestamptz, doc jsonb, ok boolean)');
  }, 60_000);
  afterAll(async () => {
    await sql?.close();
    await drop();
  });

  it('returns numbers for counts and bigserial ids, Dates for timestamps, parsed JSON, booleans', async () => {
    const at = new Date('2026-03-02T09:30:00.123Z');
    const [row] = await sql.query<{ id: unknown; at: unknown; doc: unknown; ok: unknown }>(
      'INSERT INTO probe (label, at, doc, ok) VALUES ($1, $2, $3, $4) RETURNING id, at, doc, ok',
      ['one', at, JSON.stringify({ a: [1, 'two'] }), true],
    );
    expect(typeof row!.id).toBe('number');
    expect(row!.at).toEqual(at);
    expect(row!.doc).toEqual({ a: [1, 'two'] });
    expect(row!.ok).toBe(true);
    const [count] = await sql.query<{ n: unknown }>('SELECT count(*) AS n FROM probe');
    expect(count!.n).toBe(1);
  });

  it('rolls a failed transaction back and commits a good one', async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.query("INSERT INTO probe (label) VALUES ('rolled back')");
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    const result = await sql.transaction(async (tx) => {
      await tx.query("INSERT INTO probe (label) VALUES ('kept')");
      return tx.transaction(async (inner) => (await inner.query<{ n: number }>('SELECT count(*) AS n FROM probe'))[0]!.n);
    });
    expect(result).toBe(2);
    const labels = (await sql.query<{ label: string }>('SELECT label FROM probe ORDER BY id')).map((r) => r.label);
    expect(labels).toEqual(['one', 'kept']);
  });

  it('delivers notifications, from a transaction only once it commits', async () => {
    const channel = `probe_${Math.random().toString(36).slice(2, 8)}`;
    const received: string[] = [];
    const unlisten = await sql.listen(channel, (payload) => received.push(payload));
    await sql.notify(channel, 'direct');
    await expect.poll(() => received).toEqual(['direct']);

    await expect(
      sql.transaction(async (tx) => {
        await tx.notify(channel, 'rolled back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await sql.transaction(async (tx) => {
      await tx.notify(channel, 'committed');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toEqual(['direct']);
    });
    await expect.poll(() => received).toEqual(['direct', 'committed']);

    await unlisten();
    await sql.notify(channel, 'after unlisten');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['direct', 'committed']);
  });

  it('migrates once, and refuses a database set up by a newer hub', async () => {
    const migrations = listMigrations();
    expect(migrations[0]!.version).toBe(10);
    expect(await migrate(sql)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(sql)).toEqual([]);
    await sql.query("INSERT INTO schema_migrations (version, name) VALUES (9990, 'from_the_future')");
    await expect(migrate(sql)).rejects.toThrow(DatabaseTooNewError);
    await expect(migrate(sql)).rejects.toThrow('This database was set up by a newer Copydesk hub (migration 9990 is unknown here).');
  });
});

/**
 * Copydesk store benchmarks: `npm run bench`. Prints a table; never fails on time.
 *
 * Every measurement sits next to a baseline taken in the same run on the same
 * machine, so the ratio says what the product's own layers cost:
 *
 * 1. Autosave of a 5,000-word story through `backend.callSync('stories.save')`
 *    (contract validation, plain text + word count, the UPDATE with its FTS
 *    triggers, synchronous=FULL), ~200 saves of alternating small edits, against
 *    a raw better-sqlite3 single-row UPDATE of the same JSON bytes on a separate
 *    file with the same pragmas. Rows marked "·" split the save into its parts.
 * 2. Search over 100,000 generated stories (~600 words each from a Zipf-shaped
 *    news vocabulary plus rare names) through `stories.list {query}` (match,
 *    snippets, and the capped match count) against a raw
 *    `SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT 100`
 *    with the same FTS expression: a rare term, two common terms, and prefixes
 *    as they are typed.
 * 3. The library at 100,000 stories: first page (offset 0) and a deep page
 *    (offset 90,000), limit 100, against a raw `SELECT … ORDER BY updated_at DESC`.
 *
 * 4. Storage growth: eight simulated hours of typing. A reporter types at ~40
 *    words a minute in bursts (with pauses for calls and reading) into a story
 *    that grows to ~5,000 words, rewriting earlier sentences now and then;
 *    autosave every 2 s of typing through `backend.callSync('stories.save')`,
 *    an explicit save (Ctrl+S → `revisions.checkpoint`) every ~20 minutes, and
 *    the idle checkpoints the backend makes by itself (the injectable clock is
 *    advanced, nothing sleeps). Reports the database size after
 *    `PRAGMA wal_checkpoint(TRUNCATE)`, the revisions by kind, and their bytes
 *    stored against raw, next to a baseline: the same snapshots stored
 *    uncompressed in a plain table. Goal ≤ 10 MB (printed, never enforced).
 *
 * 5. Sync against a real hub on 127.0.0.1: bytes on the wire for a one-word
 *    edit, the initial pull of 10,000 stories, and a newsroom of 100
 *    workstations against a hub in its own process on PGlite and PostgreSQL
 *    (see tests/bench/sync.ts), printed as tables of their own.
 *
 * `npm run bench -- sync` (or autosave, growth, corpus; several may be named)
 * runs only those sections; with no names, all of them.
 *
 * Databases live in a temp dir that is removed at the end. Set BENCH_STORIES to
 * change the corpus size (default 100000).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import { createBackend } from '../../main/backend/backend.ts';
import { openStore } from '../../main/store/db.ts';
import { toFtsQuery } from '../../main/store/ftsQuery.ts';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/errors.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { documentText, type SerializedDocument } from '../../shared/model/document.ts';
import { countText } from '../../shared/model/wordcount.ts';
import { benchSync } from './sync.ts';

const STORIES = Number(process.env.BENCH_STORIES ?? 100_000);
const SEED = 20250301;

// ---------------------------------------------------------------- helpers

function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
const random = prng(SEED);

interface Stats {
  n: number;
  p50: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95) };
}

/** Times `fn(i)` for i in [0, runs) after `warmup` untimed calls; milliseconds. */
function measure(runs: number, fn: (i: number) => void, warmup = 3): Stats {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn(warmup + i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return stats(samples);
}

interface Row {
  name: string;
  value: Stats;
  baseline?: { name: string; value: Stats };
  note?: string;
}
const rows: Array<Row | string> = [];

function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function printTable(): void {
  const header = ['measurement', 'n', 'p50 ms', 'p95 ms', 'baseline', 'p50 ms', 'p95 ms', 'ratio p50', 'note'];
  const lines: string[][] = [];
  for (const row of rows) {
    if (typeof row === 'string') {
      lines.push([row]);
      continue;
    }
    const b = row.baseline;
    lines.push([
      row.name,
      String(row.value.n),
      ms(row.value.p50),
      ms(row.value.p95),
      b?.name ?? '',
      b ? ms(b.value.p50) : '',
      b ? ms(b.value.p95) : '',
      b ? `${(row.value.p50 / Math.max(b.value.p50, 1e-6)).toFixed(1)}×` : '',
      row.note ?? '',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => l.length > 1).map((l) => (l[i] ?? '').length)));
  const right = new Set([1, 2, 3, 5, 6, 7]);
  const format = (cells: string[]) =>
    cells.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  console.log(format(header));
  console.log(rule);
  for (const line of lines) console.log(line.length === 1 ? `${line[0]}` : format(line));
}

function step(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

// ------------------------------------------------------- text generation

/** Common English and newsroom words, most frequent first (Zipf ranks). */
const COMMON = (
  'the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they which ' +
  'one you were her all she there would their we him been has when who will more no if out so said what up its about ' +
  'into than them can only other new some could time these two may then do first any my now such like our over man me ' +
  'even most made after also did many before must through back years where much your way well down should because each ' +
  'just those people how too little state good very make world still own see men work long get here between both life ' +
  'being under never day same another know while last might us great old year off come since against go came right used ' +
  'take three government council minister police court city officials president week report told public percent million ' +
  'budget election party company market health school plan law economy country local national workers prices water ' +
  'housing hospital police officers investigation spokesman statement announced according agreement decision committee ' +
  'mayor district residents project funding security services support policy development industry trade energy climate ' +
  'transport airport harbour bridge railway contract union strike vote parliament opposition leader campaign interview ' +
  'chief executive director board members spending tax billion growth inflation bank interest rates jobs unemployment'
).split(' ');

/** Middle-frequency words, including the `arbitr…` family used for the prefix query. */
const MIDDLE = (
  'arbitration arbitrary arbitrator arbitrage tribunal ombudsman regulator watchdog subpoena testimony injunction ' +
  'consortium subsidiary shareholder dividend merger acquisition bankruptcy creditor insolvency liquidation audit ' +
  'referendum coalition constituency manifesto amendment legislation ordinance municipal provincial federal ' +
  'earthquake flooding drought wildfire evacuation shelter casualties rescue paramedics ambulance ' +
  'vaccine outbreak epidemic pandemic clinic surgeon patients diagnosis treatment pharmacy ' +
  'stadium tournament championship quarterfinal striker goalkeeper coach transfer season league'
).split(' ');

const SYLLABLES = 'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu an en in on un ar er or ur'.split(' ');

/** Rare words: names of people and places, each seen in only a few stories. */
function rareWord(): string {
  const parts = 2 + Math.floor(random() * 3);
  let word = '';
  for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word;
}

// The middle words sit around rank 2,000, so each is in a few percent of stories.
const RARE = Array.from({ length: 20_000 }, rareWord);
const VOCABULARY = [...COMMON, ...RARE.slice(0, 1_700), ...MIDDLE, ...RARE.slice(1_700)];

/** Word pairs that occur together in news copy, for the phrase query. */
const BIGRAMS = ['police officers', 'city council', 'interest rates', 'prime minister', 'public health', 'chief executive'];
const CUMULATIVE: number[] = [];
{
  let total = 0;
  for (let rank = 1; rank <= VOCABULARY.length; rank++) CUMULATIVE.push((total += 1 / rank ** 1.07));
}

function zipfWord(): string {
  const target = random() * CUMULATIVE.at(-1)!;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}

function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.01 ? BIGRAMS[Math.floor(random() * BIGRAMS.length)]! : zipfWord());
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** A paragraph of ~`words` words in sentences of 8–25 words. */
function paragraphText(words: number): string {
  const sentences: string[] = [];
  for (let done = 0; done < words; ) {
    const n = Math.min(words - done, 8 + Math.floor(random() * 18));
    sentences.push(sentence(n));
    done += n;
  }
  return sentences.join(' ');
}

function docOf(paragraphs: string[]): SerializedDocument {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs.map((p) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', version: 1, text: p, format: 0, detail: 0, mode: 'normal', style: '' }],
      })),
    },
  };
}

// ------------------------------------------------------------- autosave

function benchAutosave(dir: string): void {
  step('autosave: preparing a 5,000-word story');
  const backend = createBackend({ dataDir: join(dir, 'autosave') });
  // A workstation refuses edits until someone says who is writing.
  backend.callSync('session.createProfile', { name: 'Bench Reporter', role: 'reporter' });
  const paragraphs = Array.from({ length: 50 }, () => paragraphText(100));
  const created = backend.callSync('stories.create', { headline: 'Benchmark story' });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;

  // Edit i changes one word in one paragraph, as typing does; edits alternate between two paragraphs.
  const bodies = Array.from({ length: 240 }, (_, i) => {
    const edited = [...paragraphs];
    const at = i % 2 === 0 ? 10 : 40;
    edited[at] = `${edited[at]} edit${i}`;
    return docOf(edited);
  });
  const initial = backend.callSync('stories.save', { id, headline: 'Benchmark story', standfirst: '', body: docOf(paragraphs) });
  if (!initial.ok) throw new Error(initial.error.message);
  const words = (initial.value as { wordCount: number }).wordCount;
  const bytes = JSON.stringify(bodies[0]).length;

  const RUNS = 200;
  const save = measure(
    RUNS,
    (i) => {
      const result = backend.callSync('stories.save', { id, headline: 'Benchmark story', standfirst: '', body: bodies[i]! });
      if (!result.ok) throw new Error(result.error.message);
    },
    10,
  );
  backend.close();

  // Baseline: the same bytes, one UPDATE, same pragmas, no FTS, no validation.
  const raw = new Database(join(dir, 'raw-autosave.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.exec('CREATE TABLE doc (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const json = bodies.map((b) => JSON.stringify(b));
  raw.prepare('INSERT INTO doc (id, body) VALUES (1, ?)').run(JSON.stringify(docOf(paragraphs)));
  const update = raw.prepare<[string]>('UPDATE doc SET body = ? WHERE id = 1');
  const rawSave = measure(RUNS, (i) => update.run(json[i]!), 10);
  raw.close();

  // The parts of a save, outside the database.
  const input = contract['stories.save'].input;
  const validate = measure(RUNS, (i) => input.parse({ id, headline: 'h', standfirst: '', body: bodies[i]! }), 10);
  const text = measure(RUNS, (i) => countText(documentText(bodies[i]!), 'en'), 10);
  const stringify = measure(RUNS, (i) => JSON.stringify(bodies[i]!), 10);

  rows.push(`Autosave: ${words.toLocaleString('en')}-word story, ${(bytes / 1024).toFixed(0)} KB of JSON, synchronous=FULL`);
  rows.push({
    name: 'stories.save (backend.callSync)',
    value: save,
    baseline: { name: 'raw UPDATE, same bytes', value: rawSave },
  });
  rows.push({ name: '  · contract validation (zod)', value: validate });
  rows.push({ name: '  · documentText + countText', value: text });
  rows.push({ name: '  · JSON.stringify of the body', value: stringify });
}

// ------------------------------------------------------ storage growth

const STORAGE_GOAL_MB = 10;

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function benchStorageGrowth(dir: string): void {
  step('storage growth: eight simulated hours of typing');
  const dataDir = join(dir, 'storage-growth');
  let clock = Date.parse('2025-03-03T08:00:00.000Z');
  const end = clock + 8 * 3_600_000;
  const backend = createBackend({ dataDir, now: () => new Date(clock) });
  const call = <M extends MethodName>(name: M, input: MethodInput<M>): MethodOutput<M> => {
    const result = backend.callSync(name, input) as Result<MethodOutput<M>>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  // The reporter at the keyboard (a workstation refuses edits until someone says who is writing).
  call('session.createProfile', { name: 'Vivian Yan', role: 'reporter' });
  const id = call('stories.create', { headline: 'Flood defences: a day on the river' }).id;

  // The story as paragraphs of words; typing appends words, rewriting replaces a sentence's tail.
  const paragraphs: string[][] = [[]];
  const paragraphTarget: number[] = [60 + Math.floor(random() * 60)];
  let words = 0;
  let typedWords = 0;
  let saves = 0;
  let explicit = 0;
  const saveTimes: number[] = [];
  let nextExplicit = clock + (18 + random() * 4) * 60_000;
  const save = () => {
    const body = docOf(paragraphs.map((p) => (p.length > 0 ? `${p.join(' ')}.` : '')));
    const started = process.hrtime.bigint();
    call('stories.save', { id, headline: 'Flood defences: a day on the river', standfirst: 'Officials closed two bridges as the water rose.', body });
    saveTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    saves++;
  };
  const typeWord = () => {
    typedWords++;
    // One edit in ten rewrites a word in an earlier paragraph (correcting, tightening).
    if (paragraphs.length > 2 && random() < 0.1) {
      const p = paragraphs[Math.floor(random() * (paragraphs.length - 1))]!;
      p[Math.floor(random() * p.length)] = zipfWord();
      return;
    }
    const current = paragraphs.at(-1)!;
    current.push(zipfWord());
    words++;
    if (current.length >= paragraphTarget.at(-1)!) {
      paragraphs.push([]);
      paragraphTarget.push(60 + Math.floor(random() * 60));
    }
  };

  const began = performance.now();
  // ~40 words a minute is a word every 1.5 s; ~5,000 words in 8 hours leaves most of the day
  // for calls, reading and interviews, so typing comes in bursts of 2–8 minutes.
  const WORD_MS = 1_500;
  const AUTOSAVE_MS = 2_000;
  while (clock < end && words < 5_000) {
    const burstEnd = Math.min(end, clock + (2 + random() * 6) * 60_000);
    let sinceSave = 0;
    while (clock < burstEnd) {
      clock += WORD_MS;
      sinceSave += WORD_MS;
      typeWord();
      if (sinceSave >= AUTOSAVE_MS) {
        save();
        sinceSave = 0;
        if (clock >= nextExplicit) {
          call('revisions.checkpoint', { storyId: id });
          explicit++;
          nextExplicit = clock + (18 + random() * 4) * 60_000;
        }
      }
    }
    if (sinceSave > 0) save();
    // A pause: the reporter is on the phone, reading, or away from the desk.
    clock += (4 + random() * 12) * 60_000;
  }
  const simulatedHours = (Math.min(clock, end) - Date.parse('2025-03-03T08:00:00.000Z')) / 3_600_000;
  const history = call('revisions.list', { storyId: id }).items;
  const snapshots = history.map((r) => canonicalJson(call('revisions.get', { id: r.id }).snapshot));
  const elapsed = (performance.now() - began) / 1000;
  backend.close();

  const { db, path } = openStore({ dataDir });
  db.pragma('wal_checkpoint(TRUNCATE)');
  const totals = db
    .prepare('SELECT count(*) AS n, sum(size_raw) AS raw, sum(size_stored) AS stored FROM revisions')
    .get() as { n: number; raw: number; stored: number };
  const byKind = db.prepare('SELECT kind, count(*) AS n FROM revisions GROUP BY kind ORDER BY kind').all() as Array<{ kind: string; n: number }>;
  db.close();
  const dbBytes = fileBytes(path) + fileBytes(`${path}-wal`);

  // Baseline: the same snapshots, uncompressed, in a plain table with the same pragmas.
  const rawPath = join(dir, 'raw-snapshots.sqlite');
  const raw = new Database(rawPath);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE snapshots (id INTEGER PRIMARY KEY, json TEXT NOT NULL) STRICT');
  const insert = raw.prepare<[string]>('INSERT INTO snapshots (json) VALUES (?)');
  raw.transaction(() => snapshots.forEach((json) => insert.run(json)))();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const rawBytes = fileBytes(rawPath) + fileBytes(`${rawPath}-wal`);

  const kinds = byKind.map((k) => `${k.kind} ${k.n}`).join(', ');
  rows.push(
    `Storage growth: eight simulated hours of typing (${simulatedHours.toFixed(1)} h simulated in ${elapsed.toFixed(1)} s; ` +
      `${words.toLocaleString('en')} words, ${typedWords.toLocaleString('en')} typed; ${saves.toLocaleString('en')} autosaves, ${explicit} Ctrl+S)`,
  );
  rows.push({ name: 'stories.save during the day (callSync)', value: stats(saveTimes) });
  rows.push(`  database after wal_checkpoint(TRUNCATE): ${mb(dbBytes)}   (goal ≤ ${STORAGE_GOAL_MB} MB: ${dbBytes <= STORAGE_GOAL_MB * 1024 * 1024 ? 'met' : 'NOT met'})`);
  rows.push(`  revisions: ${totals.n} (${kinds})`);
  rows.push(
    `  snapshot bytes stored ${mb(totals.stored)} vs raw ${mb(totals.raw)} (${((totals.stored / Math.max(1, totals.raw)) * 100).toFixed(1)} %, brotli)`,
  );
  rows.push(`  baseline: the same ${snapshots.length} snapshots uncompressed in a plain table: ${mb(rawBytes)}`);
}

// --------------------------------------------------------- large corpus

const RARE_TERM = 'zanzibarite';

function loadCorpus(dataDir: string): void {
  step(`corpus: generating a paragraph pool`);
  // A pool of paragraphs; each story takes 6 of them plus its own rare names,
  // which keeps generation fast while the index sees realistic doclist sizes.
  const pool = Array.from({ length: 6_000 }, () => paragraphText(100));
  const { db } = openStore({ dataDir });
  const newId = monotonicFactory(() => random());
  const insert = db.prepare(
    `INSERT INTO stories (id, headline, search_headline, standfirst, body_json, body_text, word_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2023, 0, 1);
  step(`corpus: inserting ${STORIES.toLocaleString('en')} stories in one transaction (FTS triggers included)`);
  const began = performance.now();
  db.transaction(() => {
    for (let n = 0; n < STORIES; n++) {
      const paragraphs: string[] = [];
      for (let p = 0; p < 6; p++) paragraphs.push(pool[Math.floor(random() * pool.length)]!);
      // Names and places that only this story mentions.
      paragraphs[0] = `${rareWord()} ${rareWord()} ${paragraphs[0]} ${rareWord()}`;
      // The rare term: in 100 stories spread through the corpus.
      if (n % Math.max(1, Math.floor(STORIES / 100)) === 7) paragraphs[3] = `${paragraphs[3]} The ${RARE_TERM} deposit was found.`;
      const bodyText = paragraphs.join('\n');
      const at = new Date(start + n * 300_000).toISOString();
      const headline = sentence(8).slice(0, -1);
      // English text: the search form equals the text (toSearchText only spaces CJK characters).
      insert.run(newId(), headline, headline, '', JSON.stringify(docOf(paragraphs)), bodyText, 600, at, at);
      if (n > 0 && n % 20_000 === 0) step(`corpus: ${n.toLocaleString('en')} stories`);
    }
  })();
  step(`corpus: loaded in ${((performance.now() - began) / 1000).toFixed(1)} s; checkpointing`);
  // No ANALYZE: the app does not run it, so neither does the benchmark.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function benchCorpus(dir: string): void {
  const dataDir = join(dir, 'corpus');
  loadCorpus(dataDir);
  const backend = createBackend({ dataDir });
  const { db: raw } = openStore({ dataDir });
  const rawMatch = raw.prepare<[string], { rowid: number }>(
    'SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT 100',
  );
  const rawCount = raw.prepare<[string], { n: number }>('SELECT count(*) AS n FROM stories_fts WHERE stories_fts MATCH ?');

  const list = (input: Record<string, unknown>) => {
    const result = backend.callSync('stories.list', input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { items: unknown[]; total: number; totalCapped: boolean };
  };

  rows.push(`Search over ${STORIES.toLocaleString('en')} stories of ~600 words (stories.list {query}, limit 100)`);
  const queries: Array<{ label: string; query: string; runs: number }> = [
    { label: `rare term "${RARE_TERM}"`, query: RARE_TERM, runs: 100 },
    { label: 'two common terms "council budget"', query: 'council budget', runs: 40 },
    { label: 'phrase "police officers"', query: '"police officers"', runs: 40 },
    { label: 'typing a prefix: "arbitr"', query: 'arbitr', runs: 60 },
    { label: 'typing a prefix: "ar"', query: 'ar', runs: 40 },
    // One letter is searched as a word, not a prefix (it would match nearly every story).
    { label: 'one letter typed: "c" (not a prefix)', query: 'c', runs: 20 },
  ];
  for (const { label, query, runs } of queries) {
    step(`search: ${label}`);
    const match = toFtsQuery(query)!;
    const matches = rawCount.get(match)!.n;
    const through = measure(runs, () => list({ query }));
    const baseline = measure(runs, () => rawMatch.all(match));
    const shown = list({ query });
    rows.push({
      name: label,
      value: through,
      baseline: { name: 'raw FTS MATCH by rowid', value: baseline },
      note: `${matches.toLocaleString('en')} matches; total shown ${shown.total.toLocaleString('en')}${shown.totalCapped ? '+' : ''}`,
    });
  }

  rows.push(`Library at ${STORIES.toLocaleString('en')} stories (stories.list, limit 100)`);
  const rawPage = raw.prepare<[number], unknown>(
    `SELECT id, headline, status, word_count, updated_at, trashed_at FROM stories
     WHERE trashed_at IS NULL ORDER BY updated_at DESC LIMIT 100 OFFSET ?`,
  );
  const deep = Math.min(90_000, Math.max(0, STORIES - 100));
  for (const [label, offset] of [
    ['first page (offset 0)', 0],
    [`deep page (offset ${deep.toLocaleString('en')})`, deep],
  ] as const) {
    step(`library: ${label}`);
    const through = measure(60, () => list({ offset, limit: 100 }));
    const baseline = measure(60, () => rawPage.all(offset));
    rows.push({ name: label, value: through, baseline: { name: 'raw SELECT … ORDER BY updated_at', value: baseline } });
  }
  // The library count as it was first written (fixed in stories.ts): kept to show why.
  const oldCount = raw.prepare('SELECT count(*) AS n FROM stories WHERE trashed_at IS NULL');
  rows.push({ name: '  · old count(*) WHERE trashed_at IS NULL', value: measure(20, () => oldCount.get()) });

  backend.close();
  raw.close();
}

// ------------------------------------------------------------------ main

/** `npm run bench -- sync corpus`: only those sections; no names: all of them. */
const SECTIONS = ['autosave', 'growth', 'corpus', 'sync'] as const;
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')} (none: all).`);
  process.exit(2);
}
const runs = (section: (typeof SECTIONS)[number]) => chosen.length === 0 || chosen.includes(section);

const dir = mkdtempSync(join(tmpdir(), 'copydesk-bench-'));
const began = performance.now();
let syncTable: string | null = null;
try {
  if (runs('autosave')) benchAutosave(dir);
  if (runs('growth')) benchStorageGrowth(dir);
  if (runs('corpus')) benchCorpus(dir);
  if (runs('sync')) syncTable = await benchSync(dir, step);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('');
if (rows.length > 0) printTable();
if (syncTable !== null) console.log(`${rows.length > 0 ? '\n' : ''}${syncTable}`);
console.log(
  `\nNode ${process.version}, SQLite ${new Database(':memory:').prepare('select sqlite_version() AS v').pluck().get() as string}, ` +
    `seed ${SEED}, total ${((performance.now() - began) / 1000).toFixed(0)} s`,
);

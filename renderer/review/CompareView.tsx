import { Fragment, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { DEFAULT_SECTORS, type Sector } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import { blockText, blockTypeLabel, isFigure } from '../../shared/review/blockContent.ts';
import { compareStories, type BlockDiffEntry, type MetadataChange, type StorySnapshot } from '../../shared/review/compare.ts';
import { Deleted, Inserted, WordRuns, type DiffSide } from './WordRuns.tsx';
import '../styles/compare.css';

export type CompareLayout = 'side-by-side' | 'inline';

/** A change the view shows: a block that is not unchanged, or one row of the details list. */
export type CompareTarget = { kind: 'block'; entry: BlockDiffEntry } | { kind: 'detail'; change: MetadataChange };

export interface CompareViewProps {
  /** The older version (a revision). */
  before: StorySnapshot;
  /** The newer version (a later revision, the current story, or a proposal). */
  after: StorySnapshot;
  /** How the versions are named in the view: "Revision 4 · 12 May 10:04", "Current". */
  beforeLabel?: string;
  afterLabel?: string;
  /** The publication's sectors, for sector labels; the defaults when left out. */
  sectors?: readonly Sector[];
  initialLayout?: CompareLayout;
  /**
   * Controls shown on a change (a proposal's Accept and Reject): called for
   * every changed block and every details row; null/undefined shows none.
   */
  renderActions?: (target: CompareTarget) => ReactNode;
}

const BADGES: Record<BlockDiffEntry['kind'], string> = {
  unchanged: 'Unchanged',
  added: 'Added',
  removed: 'Removed',
  moved: 'Moved',
  changed: 'Changed',
  'moved+changed': 'Moved and changed',
};

/** Unchanged blocks kept in view on each side of a change; longer unchanged stretches fold. */
const CONTEXT = 1;

/**
 * Two versions of a story, compared (DESIGN.md §6): the header and figure
 * metadata that changed, then the body block by block — added, removed,
 * moved, changed — with a word diff inside changed blocks, side by side or
 * inline. Pure: it takes two snapshots and fetches nothing.
 */
export function CompareView({
  before,
  after,
  beforeLabel = 'Before',
  afterLabel = 'After',
  sectors = DEFAULT_SECTORS,
  initialLayout = 'side-by-side',
  renderActions,
}: CompareViewProps) {
  const comparison = useMemo(() => compareStories(before, after, { sectors }), [before, after, sectors]);
  const [layout, setLayout] = useState<CompareLayout>(initialLayout);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [current, setCurrent] = useState(-1);
  const container = useRef<HTMLElement>(null);
  const titleId = useId();
  const detailsId = useId();

  // Stops for "Next change": the details list (if any), then every block that is not unchanged.
  const stops = useMemo(() => {
    const list: number[] = [];
    if (comparison.metadata.length > 0) list.push(-1);
    comparison.blocks.forEach((entry, index) => {
      if (entry.kind !== 'unchanged') list.push(index);
    });
    return list;
  }, [comparison]);

  const go = useCallback(
    (step: 1 | -1) => {
      if (stops.length === 0) return;
      const next = Math.min(stops.length - 1, Math.max(0, current + step));
      setCurrent(next);
      const element = container.current?.querySelector<HTMLElement>(`[data-change="${stops[next]!}"]`);
      if (element === null || element === undefined) return;
      element.focus({ preventScroll: true });
      if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    [current, stops],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'n' || event.key === 'j') {
      event.preventDefault();
      go(1);
    } else if (event.key === 'p' || event.key === 'k') {
      event.preventDefault();
      go(-1);
    }
  };

  const language = after.language || before.language;
  const position = current < 0 ? `${stops.length} ${stops.length === 1 ? 'change' : 'changes'}` : `Change ${current + 1} of ${stops.length}`;

  return (
    <section className={`compare compare--${layout}`} aria-labelledby={titleId} onKeyDown={onKeyDown} ref={container}>
      <header className="compare__header">
        <div className="compare__heading">
          <h2 id={titleId} className="compare__title">
            Compare
          </h2>
          <p className="compare__versions">
            <span className="compare__version compare__version--before">{beforeLabel}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> with </span>
            <span className="compare__version compare__version--after">{afterLabel}</span>
          </p>
        </div>
        <p className="compare__summary" role="status">
          {comparison.summary}
        </p>
        <div className="compare__toolbar">
          <div className="compare__layouts" role="group" aria-label="Layout">
            <button type="button" className="button button--small" aria-pressed={layout === 'side-by-side'} onClick={() => setLayout('side-by-side')}>
              Side by side
            </button>
            <button type="button" className="button button--small" aria-pressed={layout === 'inline'} onClick={() => setLayout('inline')}>
              Inline
            </button>
          </div>
          <div className="compare__nav">
            <button type="button" className="button button--small" onClick={() => go(-1)} disabled={stops.length === 0 || current <= 0} aria-keyshortcuts="p">
              Previous change
            </button>
            <span className="compare__position" aria-live="polite">
              {position}
            </span>
            <button type="button" className="button button--small" onClick={() => go(1)} disabled={stops.length === 0 || current >= stops.length - 1} aria-keyshortcuts="n">
              Next change
            </button>
          </div>
        </div>
      </header>

      {comparison.metadata.length > 0 && (
        <section className="compare__details" aria-labelledby={detailsId} tabIndex={-1} data-change={-1}>
          <h3 id={detailsId} className="compare__subtitle">
            Details
          </h3>
          <ul className="compare__changes">
            {comparison.metadata.map((change, index) => (
              <MetadataRow key={index} change={change} layout={layout} actions={renderActions?.({ kind: 'detail', change })} />
            ))}
          </ul>
        </section>
      )}

      <h3 className="compare__subtitle">Story</h3>
      {layout === 'side-by-side' && (
        <div className="compare__columns" aria-hidden="true">
          <span>{beforeLabel}</span>
          <span>{afterLabel}</span>
        </div>
      )}
      <ol className="compare__blocks">
        {foldUnchanged(comparison.blocks, expanded).map((item) =>
          item.kind === 'fold' ? (
            <li key={`fold-${item.start}`} className="compare-fold">
              <button
                type="button"
                className="button button--quiet button--small"
                aria-expanded="false"
                onClick={() => setExpanded((open) => new Set(open).add(item.start))}
              >
                Show {item.count} unchanged {item.count === 1 ? 'block' : 'blocks'}
              </button>
            </li>
          ) : (
            <BlockRow
              key={item.index}
              entry={comparison.blocks[item.index]!}
              layout={layout}
              language={language}
              index={item.index}
              sectors={sectors}
              isCurrent={stops[current] === item.index}
              renderActions={renderActions}
            />
          ),
        )}
      </ol>
    </section>
  );
}

type FoldItem = { kind: 'block'; index: number } | { kind: 'fold'; start: number; count: number };

/** Long stretches of unchanged blocks fold into a "Show N unchanged blocks" button, keeping a block of context next to each change. */
function foldUnchanged(entries: readonly BlockDiffEntry[], expanded: ReadonlySet<number>): FoldItem[] {
  const items: FoldItem[] = [];
  let index = 0;
  while (index < entries.length) {
    if (entries[index]!.kind !== 'unchanged') {
      items.push({ kind: 'block', index: index++ });
      continue;
    }
    let end = index;
    while (end < entries.length && entries[end]!.kind === 'unchanged') end++;
    const keepStart = index === 0 ? 0 : CONTEXT;
    const keepEnd = end === entries.length ? 0 : CONTEXT;
    const hidden = end - index - keepStart - keepEnd;
    if (hidden < 2 || expanded.has(index + keepStart)) {
      for (let k = index; k < end; k++) items.push({ kind: 'block', index: k });
    } else {
      for (let k = index; k < index + keepStart; k++) items.push({ kind: 'block', index: k });
      items.push({ kind: 'fold', start: index + keepStart, count: hidden });
      for (let k = end - keepEnd; k < end; k++) items.push({ kind: 'block', index: k });
    }
    index = end;
  }
  return items;
}

function MetadataRow({ change, layout, actions }: { change: MetadataChange; layout: CompareLayout; actions?: ReactNode }) {
  let value: ReactNode;
  if (change.words !== undefined && change.before !== null && change.after !== null) {
    value =
      layout === 'inline' ? (
        <WordRuns ops={change.words} side="both" />
      ) : (
        <span className="compare-meta__pair">
          <span className="compare-meta__before">
            <WordRuns ops={change.words} side="before" />
          </span>
          <span className="compare-meta__after">
            <WordRuns ops={change.words} side="after" />
          </span>
        </span>
      );
  } else {
    value = (
      <>
        {change.before !== null && <Deleted text={change.before} />}
        {change.before !== null && change.after !== null && <span aria-hidden="true"> → </span>}
        {change.after !== null && <Inserted text={change.after} />}
      </>
    );
  }
  return (
    <li className={actions ? 'compare-meta compare-meta--with-actions' : 'compare-meta'}>
      <span className="compare-meta__label">{change.label}</span>
      <span className="compare-meta__value">{value}</span>
      {actions && <span className="compare-actions">{actions}</span>}
    </li>
  );
}

interface BlockRowProps {
  entry: BlockDiffEntry;
  layout: CompareLayout;
  language: string;
  index: number;
  sectors: readonly Sector[];
  isCurrent: boolean;
  renderActions: CompareViewProps['renderActions'];
}

function BlockRow({ entry, layout, language, index, sectors, isCurrent, renderActions }: BlockRowProps) {
  const changed = entry.kind !== 'unchanged';
  const block = entry.after ?? entry.before!;
  const moved = entry.kind === 'moved' || entry.kind === 'moved+changed';
  const classes = ['compare-block', `compare-block--${entry.kind.replace('+', '-')}`, isCurrent ? 'is-current' : ''].filter(Boolean).join(' ');
  const actions = changed ? renderActions?.({ kind: 'block', entry }) : null;
  const side = (which: 'before' | 'after'): ReactNode => {
    const node = which === 'before' ? entry.before : entry.after;
    if (node === undefined) return <div className="compare-block__side compare-block__side--empty" />;
    return (
      <div className={`compare-block__side compare-block__side--${which}`} lang={language || undefined}>
        <BlockBody entry={entry} node={node} side={which} sectors={sectors} />
      </div>
    );
  };
  return (
    <li className={classes} tabIndex={changed ? -1 : undefined} data-change={changed ? index : undefined} aria-label={changed ? `${BADGES[entry.kind]}: ${blockTypeLabel(block)}` : undefined}>
      {changed && (
        <div className="compare-block__meta">
          <span className={`compare-badge compare-badge--${entry.kind.replace('+', '-')}`}>{BADGES[entry.kind]}</span>
          {moved && entry.beforeIndex !== undefined && entry.afterIndex !== undefined && (
            <span className="compare-block__where">
              was block {entry.beforeIndex + 1}, now block {entry.afterIndex + 1}
            </span>
          )}
          {entry.details !== undefined && entry.details.length > 0 && (
            <ul className="compare-block__details">
              {entry.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
          {actions && <span className="compare-actions">{actions}</span>}
        </div>
      )}
      {layout === 'side-by-side' ? (
        <div className="compare-block__pair">
          {side('before')}
          {side('after')}
        </div>
      ) : (
        <div className="compare-block__side compare-block__side--inline" lang={language || undefined}>
          <BlockBody entry={entry} node={block} side="both" sectors={sectors} />
        </div>
      )}
    </li>
  );
}

function BlockBody({ entry, node, side, sectors }: { entry: BlockDiffEntry; node: SerializedNode; side: DiffSide; sectors: readonly Sector[] }) {
  const label = node.type === 'paragraph' ? null : <span className="compare-block__type">{blockTypeLabel(node)}</span>;
  let text: ReactNode;
  if (entry.words !== undefined) {
    text = <WordRuns ops={entry.words} side={side} />;
  } else {
    const plain = blockText(node, { sectors });
    // A block only on one side is marked whole, so the inline view and screen readers say what happened to it.
    if (plain.trim() === '') text = <span className="compare-block__empty">(empty {blockTypeLabel(node).toLowerCase()})</span>;
    else if (entry.kind === 'added') text = <Inserted text={plain} />;
    else if (entry.kind === 'removed') text = <Deleted text={plain} />;
    else text = plain;
  }
  const credit = isFigure(node) && node.credit.trim() !== '' ? <span className="compare-block__credit"> ({node.credit})</span> : null;
  return (
    <Fragment>
      {label}
      <div className={`compare-block__text compare-block__text--${node.type}${typeof node.tag === 'string' ? ` compare-block__text--${node.tag}` : ''}`}>
        {text}
        {credit}
      </div>
    </Fragment>
  );
}

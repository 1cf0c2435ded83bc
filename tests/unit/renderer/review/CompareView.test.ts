// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { CompareView } from '../../../../renderer/review/CompareView.tsx';
import { doc, figure, id, para, sector } from '../../shared/review/docs.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const [INTRO, CUT, MOVED, SECTOR, FIG, NEW] = [id(), id(), id(), id(), id(), id()];

function snapshot(overrides: Partial<StorySnapshot>): StorySnapshot {
  return {
    headline: 'Chongqing expands service sector pilot',
    standfirst: '',
    dateline: { place: 'Chongqing', date: '2021-09-06' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body: doc(),
    ...overrides,
  };
}

const before = snapshot({
  body: doc(para(INTRO, 'The city said on Tuesday that the pilot covers nine fields.'), para(CUT, 'This paragraph is cut.'), sector(SECTOR, 'health-care'), para(MOVED, 'Clinics may be wholly owned.'), figure(FIG)),
});
const after = snapshot({
  headline: 'Chongqing widens service sector pilot',
  byline: [
    { personId: null, name: 'Vivian Yan', role: 'author' },
    { personId: null, name: 'Peng Qin', role: 'contributor' },
  ],
  body: doc(para(MOVED, 'Clinics may be wholly owned.'), para(INTRO, 'The city said on Wednesday that the pilot covers nine fields.'), sector(SECTOR, 'education'), para(NEW, 'A new paragraph.'), figure(FIG)),
});

let host: HTMLDivElement;
let root: Root;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(createElement(CompareView, { before, after, beforeLabel: 'Revision 2', afterLabel: 'Current' })));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  if (found === undefined) throw new Error(`No button "${name}"`);
  return found;
}

function blockWith(text: string): HTMLElement {
  const found = [...host.querySelectorAll<HTMLElement>('.compare-block')].find((li) => li.textContent?.includes(text));
  if (found === undefined) throw new Error(`No block with "${text}"`);
  return found;
}

describe('CompareView', () => {
  it('sums up the changes', () => {
    expect(host.querySelector('[role="status"]')?.textContent).toBe('2 blocks changed, 1 added, 1 removed, 1 moved, 2 details changed');
  });

  it('badges each block by what happened to it', () => {
    expect(blockWith('Wednesday').querySelector('.compare-badge')?.textContent).toBe('Changed');
    expect(blockWith('This paragraph is cut.').querySelector('.compare-badge')?.textContent).toBe('Removed');
    expect(blockWith('A new paragraph.').querySelector('.compare-badge')?.textContent).toBe('Added');
    expect(blockWith('Clinics may be wholly owned.').querySelector('.compare-badge')?.textContent).toBe('Moved');
    expect(blockWith('Sector: Health Care → Education').querySelector('.compare-badge')?.textContent).toBe('Changed');
    expect(blockWith('Chongqing at night.').querySelector('.compare-badge')).toBeNull();
  });

  it('marks the changed words with <del> and <ins>, labelled for screen readers', () => {
    const block = blockWith('Wednesday');
    const deleted = [...block.querySelectorAll('del')];
    const inserted = [...block.querySelectorAll('ins')];
    expect(deleted.map((d) => d.textContent)).toEqual(['[deleted: Tuesday]']);
    expect(inserted.map((i) => i.textContent)).toEqual(['[inserted: Wednesday]']);
    expect(deleted[0]!.querySelector('.visually-hidden')?.textContent).toBe('[deleted: ');
    // Side by side: the old text on the left, the new on the right.
    const [left, right] = [...block.querySelectorAll('.compare-block__side')];
    expect(left!.textContent).toBe('The city said on [deleted: Tuesday] that the pilot covers nine fields.');
    expect(right!.textContent).toBe('The city said on [inserted: Wednesday] that the pilot covers nine fields.');
  });

  it('lists the metadata changes', () => {
    const items = [...host.querySelectorAll('.compare-meta')].map((li) => li.querySelector('.compare-meta__label')?.textContent);
    expect(items).toEqual(['Headline', 'Byline: added Peng Qin']);
    expect(host.querySelector('.compare-meta ins')?.textContent).toBe('[inserted: widens]');
  });

  it('switches between side by side and inline', () => {
    const sideBySide = button('Side by side');
    const inline = button('Inline');
    expect(sideBySide.getAttribute('aria-pressed')).toBe('true');
    expect(inline.getAttribute('aria-pressed')).toBe('false');
    act(() => inline.click());
    expect(inline.getAttribute('aria-pressed')).toBe('true');
    expect(sideBySide.getAttribute('aria-pressed')).toBe('false');
    const block = blockWith('Wednesday');
    expect(block.querySelectorAll('.compare-block__side')).toHaveLength(1);
    expect(block.querySelector('.compare-block__side')!.textContent).toBe('The city said on [deleted: Tuesday][inserted: Wednesday] that the pilot covers nine fields.');
  });

  it('moves focus from change to change with Next change and Previous change', () => {
    const next = button('Next change');
    const previous = button('Previous change');
    expect(previous.disabled).toBe(true);
    act(() => next.click());
    expect(document.activeElement?.classList.contains('compare__details')).toBe(true);
    act(() => next.click());
    expect(document.activeElement?.querySelector('.compare-badge')?.textContent).toBe('Moved');
    act(() => next.click());
    expect(document.activeElement?.textContent).toContain('Wednesday');
    expect(host.querySelector('.compare__position')?.textContent).toBe('Change 3 of 6');
    act(() => previous.click());
    expect(document.activeElement?.querySelector('.compare-badge')?.textContent).toBe('Moved');
  });
});

describe('CompareView with per-change actions', () => {
  it('shows the actions on every changed block and details row, none on unchanged blocks', () => {
    const seen: string[] = [];
    act(() =>
      root.render(
        createElement(CompareView, {
          before,
          after,
          renderActions: (target) => {
            const name = target.kind === 'block' ? `block ${target.entry.kind}` : `detail ${target.change.label}`;
            seen.push(name);
            return createElement('button', { type: 'button', className: 'test-action' }, `Decide ${name}`);
          },
        }),
      ),
    );
    expect(blockWith('Wednesday').querySelector('.test-action')?.textContent).toBe('Decide block changed');
    expect(blockWith('This paragraph is cut.').querySelector('.test-action')?.textContent).toBe('Decide block removed');
    expect(blockWith('Chongqing at night.').querySelector('.test-action')).toBeNull();
    const rows = [...host.querySelectorAll('.compare-meta')].map((li) => li.querySelector('.test-action')?.textContent);
    expect(rows).toEqual(['Decide detail Headline', 'Decide detail Byline: added Peng Qin']);
    expect(seen).not.toContain('block unchanged');
  });

  it('leaves the rows as they were when no actions are rendered for them', () => {
    act(() => root.render(createElement(CompareView, { before, after, renderActions: () => null })));
    expect(host.querySelectorAll('.compare-actions')).toHaveLength(0);
    expect(host.querySelectorAll('.compare-meta--with-actions')).toHaveLength(0);
  });
});

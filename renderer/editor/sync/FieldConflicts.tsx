import { useState } from 'react';
import type { ResolveFieldInput } from '../../../shared/api/methods/sync.ts';
import { formatByline } from '../../../shared/model/credits.ts';
import { errorMessage } from '../../api/errors.ts';
import { useNotice } from '../../components/Notice.tsx';
import { fieldLabel } from '../../sync/syncText.ts';
import { useFieldConflicts, type FieldConflictValues } from './useFieldConflicts.ts';
import './fieldConflicts.css';

type FieldValue = FieldConflictValues[number]['mine'];

/** A header value as a person reads it: text, "Chongqing, 2026-03-02", "By Ana Li". */
export function describeFieldValue(value: FieldValue): string {
  if (typeof value === 'string') return value.trim() === '' ? '(empty)' : value;
  if (Array.isArray(value)) return formatByline(value) || '(nobody credited)';
  const dateline = [value.place.trim(), value.date ?? ''].filter((part) => part !== '').join(', ');
  return dateline || '(empty)';
}

export interface FieldConflictsProps {
  storyId: string;
  /** The person may not edit the story: the values show, the buttons do not. */
  readOnly: boolean;
  /** Saves what is typed first; false when something is still unsaved (then nothing is decided). */
  beforeResolve: () => Promise<boolean>;
}

/**
 * Above the story: header fields (headline, standfirst, dateline, byline,
 * language) that this workstation and the newsroom hub changed differently.
 * The story keeps this workstation's value until the person picks one;
 * "Keep theirs" puts the hub's value in and sends it.
 */
export function FieldConflicts({ storyId, readOnly, beforeResolve }: FieldConflictsProps) {
  const { fields, resolve } = useFieldConflicts(storyId);
  const notice = useNotice();
  const [busy, setBusy] = useState(false);
  if (fields.length === 0) return null;

  const decide = async (field: ResolveFieldInput['field'], choice: 'mine' | 'theirs') => {
    setBusy(true);
    try {
      if (!(await beforeResolve())) return;
      await resolve(field, choice);
    } catch (error) {
      notice.show({ message: `The ${fieldLabel(field).toLowerCase()} was not changed. ${errorMessage(error)}`, tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="banner field-conflicts" role="region" aria-label="Field conflicts">
      <p className="field-conflicts__intro">
        {fields.length === 1 ? 'This field was' : 'These fields were'} changed here and in the newsroom at the same time. The story keeps your
        version until you choose.
      </p>
      <ul className="field-conflicts__list">
        {fields.map(({ field, mine, theirs }) => {
          const name = field as ResolveFieldInput['field'];
          return (
            <li key={field} className="field-conflicts__item" aria-label={fieldLabel(field)}>
              <span className="field-conflicts__field">{fieldLabel(field)}</span>
              <span className="field-conflicts__value">
                <span className="field-conflicts__side">Yours</span> {describeFieldValue(mine)}
              </span>
              <span className="field-conflicts__value">
                <span className="field-conflicts__side">Newsroom</span> {describeFieldValue(theirs)}
              </span>
              {!readOnly && (
                <span className="banner__actions">
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(name, 'mine')}>
                    Keep mine
                  </button>
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(name, 'theirs')}>
                    Keep theirs
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

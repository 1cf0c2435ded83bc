import { BYLINE_ROLES, type BylineRole, type Dateline } from '../../shared/model/anatomy.ts';
import { BYLINE_ROLE_LABELS, formatByline } from '../../shared/model/credits.ts';
import { Icon } from '../components/Icon.tsx';
import { useSettings } from '../hooks/useSettings.ts';
import { StoryHeaderPersonField } from './StoryHeaderPersonField.tsx';
import { newBylineRow, toBylineEntries, type BylineRow, type StoryHeaderValue } from './StoryHeaderModel.ts';

interface StoryHeaderProps {
  value: StoryHeaderValue;
  readOnly: boolean;
  onChange: (value: StoryHeaderValue) => void;
}

/** A byline has at most this many people (the contract's limit). */
const MAX_CONTRIBUTORS = 30;

/**
 * The story's header below the headline: byline (who is credited, in what
 * role, printed with the publication's byline format) and dateline (where and
 * when it was filed).
 */
export function StoryHeader({ value, readOnly, onChange }: StoryHeaderProps) {
  const { settings } = useSettings();
  const printed = formatByline(toBylineEntries(value.byline), settings.bylineFormat);

  const setDateline = (dateline: Dateline) => onChange({ ...value, dateline });
  const setRows = (byline: BylineRow[]) => onChange({ ...value, byline });
  const updateRow = (key: string, patch: Partial<BylineRow>) =>
    setRows(value.byline.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <div className="story-header">
      <fieldset className="story-header__group byline-editor">
        <legend className="story-header__legend">Byline</legend>
        {value.byline.length > 0 && (
          <ul className="byline-editor__rows">
            {value.byline.map((row, index) => (
              <li key={row.key} className="byline-editor__row">
                <StoryHeaderPersonField
                  name={row.name}
                  personId={row.personId}
                  readOnly={readOnly}
                  autoFocus={row.name === '' && index === value.byline.length - 1}
                  onChange={(person) => updateRow(row.key, person)}
                />
                <select
                  className="select byline-editor__role"
                  aria-label="Contributor role"
                  value={row.role}
                  disabled={readOnly}
                  onChange={(event) => updateRow(row.key, { role: event.target.value as BylineRole })}
                >
                  {BYLINE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {BYLINE_ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Remove contributor"
                    title="Remove contributor"
                    onClick={() => setRows(value.byline.filter((other) => other.key !== row.key))}
                  >
                    <Icon name="close" size={16} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="byline-editor__foot">
          {!readOnly && (
            <button
              type="button"
              className="button button--small button--quiet"
              disabled={value.byline.length >= MAX_CONTRIBUTORS}
              title={value.byline.length >= MAX_CONTRIBUTORS ? `A byline has at most ${MAX_CONTRIBUTORS} people` : undefined}
              onClick={() => setRows([...value.byline, newBylineRow()])}
            >
              <Icon name="plus" size={16} />
              Add contributor
            </button>
          )}
          <p className="byline-editor__preview">
            <span className="byline-editor__preview-label">Prints as</span>{' '}
            {printed ? (
              <span className="byline-editor__printed">{printed}</span>
            ) : (
              <span className="byline-editor__printed byline-editor__printed--empty">No byline</span>
            )}
          </p>
        </div>
      </fieldset>
      <fieldset className="story-header__group dateline-editor">
        <legend className="story-header__legend">Dateline</legend>
        <input
          className="text-input dateline-editor__place"
          aria-label="Dateline place"
          placeholder="Place, e.g. Chongqing"
          maxLength={120}
          value={value.dateline.place}
          readOnly={readOnly}
          onChange={(event) => setDateline({ ...value.dateline, place: event.target.value.replace(/[\r\n]+/g, ' ') })}
        />
        <input
          className="text-input dateline-editor__date"
          type="date"
          aria-label="Dateline date"
          min="1800-01-01"
          max="9999-12-31"
          value={value.dateline.date ?? ''}
          readOnly={readOnly}
          onChange={(event) => {
            // The date input gives '' while a date is incomplete or invalid; only whole dates are kept.
            const date = event.target.value;
            setDateline({ ...value.dateline, date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null });
          }}
        />
      </fieldset>
    </div>
  );
}

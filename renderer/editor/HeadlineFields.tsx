import { useRef, type KeyboardEvent } from 'react';
import { LIMITS } from '../../shared/model/story.ts';

interface HeadlineFieldsProps {
  headline: string;
  standfirst: string;
  readOnly: boolean;
  /** A new, empty story starts with the caret in the headline. */
  autoFocus: boolean;
  onChange: (name: 'headline' | 'standfirst', value: string) => void;
  /** Enter at the end of the standfirst continues in the body. */
  onLeaveStandfirst: () => void;
}

/**
 * Headline and standfirst: plain text that wraps and grows (CSS field-sizing),
 * one paragraph each, so Enter moves on to the next field instead of adding a line.
 */
export function HeadlineFields({ headline, standfirst, readOnly, autoFocus, onChange, onLeaveStandfirst }: HeadlineFieldsProps) {
  const standfirstRef = useRef<HTMLTextAreaElement>(null);

  const isPlainEnter = (event: KeyboardEvent<HTMLTextAreaElement>) =>
    event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing;

  return (
    <div className="paper__head">
      <textarea
        className="field-headline"
        aria-label="Headline"
        placeholder="Headline"
        rows={1}
        autoFocus={autoFocus}
        value={headline}
        maxLength={LIMITS.headline}
        readOnly={readOnly}
        spellCheck
        onChange={(event) => onChange('headline', oneLine(event.target.value))}
        onKeyDown={(event) => {
          if (!isPlainEnter(event)) return;
          event.preventDefault();
          standfirstRef.current?.focus();
        }}
      />
      <textarea
        ref={standfirstRef}
        className="field-standfirst"
        aria-label="Standfirst"
        placeholder="Standfirst: a sentence or two that sells the story"
        rows={1}
        value={standfirst}
        maxLength={LIMITS.standfirst}
        readOnly={readOnly}
        spellCheck
        onChange={(event) => onChange('standfirst', oneLine(event.target.value))}
        onKeyDown={(event) => {
          if (!isPlainEnter(event)) return;
          event.preventDefault();
          onLeaveStandfirst();
        }}
      />
    </div>
  );
}

/** Pasted line breaks become spaces: a headline is one paragraph. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

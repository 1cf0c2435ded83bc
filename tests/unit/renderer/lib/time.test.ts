import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatClock, formatRelative, formatSavedAt } from '../../../../renderer/lib/time.ts';

/**
 * Dates are built in local time, so the expectations hold in any time zone;
 * the day-and-month wording follows the reader's locale, so those cases check
 * the figures rather than the month's spelling.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const now = new Date(2025, 5, 18, 15, 0).getTime();
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatRelative: story times in the library list', () => {
  it.each([
    [0, 'just now'],
    [44 * SECOND, 'just now'],
    [45 * SECOND, '1 min ago'],
    [5 * MINUTE, '5 min ago'],
    [59 * MINUTE, '59 min ago'],
    [59 * MINUTE + 40 * SECOND, '59 min ago'],
    [HOUR, '1 h ago'],
    [3 * HOUR + 50 * MINUTE, '3 h ago'],
    [23 * HOUR + 59 * MINUTE, '23 h ago'],
    [DAY, 'yesterday'],
    [47 * HOUR, 'yesterday'],
    [2 * DAY, '2 days ago'],
    [6 * DAY + 23 * HOUR, '6 days ago'],
  ])('%d ms ago → "%s"', (elapsed, text) => {
    expect(formatRelative(ago(elapsed), now)).toBe(text);
  });

  it('never says "60 min ago": just under an hour still counts in minutes', () => {
    for (let s = 59 * 60; s < 60 * 60; s += 5) expect(formatRelative(ago(s * SECOND), now)).toBe('59 min ago');
  });

  it('shows "just now" for a time slightly in the future (another machine\'s clock)', () => {
    expect(formatRelative(ago(-30 * SECOND), now)).toBe('just now');
  });

  it('shows day and month, without the year, for older dates this year', () => {
    const text = formatRelative(new Date(2025, 2, 12, 10, 0).toISOString(), now);
    expect(text).toMatch(/\b12\b/);
    expect(text).not.toMatch(/2025|ago|yesterday/);
  });

  it('adds the year for dates in another year', () => {
    const text = formatRelative(new Date(2023, 2, 12, 10, 0).toISOString(), now);
    expect(text).toMatch(/\b12\b/);
    expect(text).toContain('2023');
  });

  it('shows nothing for a missing or malformed time rather than "NaN"', () => {
    expect(formatRelative('', now)).toBe('');
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('formatSavedAt: "Saved HH:MM" in the status bar', () => {
  it('shows the 24-hour clock for a save today', () => {
    expect(formatSavedAt(new Date(2025, 5, 18, 14, 32), new Date(2025, 5, 18, 15, 0))).toBe('14:32');
  });

  it('pads hours and minutes, and shows midnight as 00', () => {
    expect(formatSavedAt(new Date(2025, 5, 18, 9, 5), new Date(2025, 5, 18, 10, 0))).toBe('09:05');
    expect(formatSavedAt(new Date(2025, 5, 18, 0, 7), new Date(2025, 5, 18, 0, 8))).toBe('00:07');
  });

  it('adds the date for a save on another day, even one minute before midnight', () => {
    const text = formatSavedAt(new Date(2025, 5, 17, 23, 59), new Date(2025, 5, 18, 0, 1));
    expect(text).not.toBe('23:59');
    expect(text).toMatch(/\b17\b.*, 23:59$/);
  });
});

describe('formatClock and formatAbsolute', () => {
  it('formatClock never uses a 12-hour clock', () => {
    expect(formatClock(new Date(2025, 5, 18, 23, 45))).toBe('23:45');
    expect(formatClock(new Date(2025, 5, 18, 12, 0))).toBe('12:00');
  });

  it('formatAbsolute gives the full date and a 24-hour time for the tooltip', () => {
    const text = formatAbsolute(new Date(2025, 2, 4, 14, 32).toISOString());
    expect(text).toContain('2025');
    expect(text).toMatch(/\b4\b/);
    expect(text).toMatch(/14\D32/);
    expect(text).not.toMatch(/\b(AM|PM)\b/i);
  });

  it('formatAbsolute shows nothing for a malformed time', () => {
    expect(formatAbsolute('garbage')).toBe('');
  });
});

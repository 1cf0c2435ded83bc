/** Times as a newsroom reads them: "5 min ago" in lists, 24-hour clock for saves. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const absoluteFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayMonthFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", "12 Mar", "12 Mar 2023". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const ago = now - time;
  if (ago < 45_000) return 'just now';
  // Capped at 59: rounding 59.5+ minutes up would say "60 min ago" instead of moving on to hours.
  if (ago < HOUR) return `${Math.min(59, Math.max(1, Math.round(ago / MINUTE)))} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(time);
  return date.getFullYear() === new Date(now).getFullYear() ? dayMonthFormat.format(date) : fullDateFormat.format(date);
}

/** "Tue, 4 Mar 2025, 14:32" in the reader's locale, for title attributes. */
export function formatAbsolute(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : absoluteFormat.format(new Date(time));
}

/** "14:32", local time, always 24-hour. */
export function formatClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "14:32" today, "3 Mar, 14:32" on another day: when a story was last saved. */
export function formatSavedAt(date: Date, now: Date = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? formatClock(date) : `${dayMonthFormat.format(date)}, ${formatClock(date)}`;
}

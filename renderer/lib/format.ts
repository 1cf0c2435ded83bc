/** "1 result", "1,234 results", "10,000+ results". */
export function formatResultCount(total: number, capped: boolean): string {
  const figure = total.toLocaleString('en');
  if (capped) return `${figure}+ results`;
  return `${figure} ${total === 1 ? 'result' : 'results'}`;
}

/** "1 story", "1,234 stories". */
export function formatStoryCount(total: number): string {
  return `${total.toLocaleString('en')} ${total === 1 ? 'story' : 'stories'}`;
}

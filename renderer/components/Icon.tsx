/** Small line icons drawn inline, so nothing is fetched and the CSP stays strict. */

const PATHS = {
  plus: 'M12 5v14M5 12h14',
  library: 'M4 5h16M4 10h16M4 15h10M4 20h7',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3',
  restore: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
  search: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zM20 20l-4-4',
  back: 'M15 18l-6-6 6-6',
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M10 5h8M6 19h8M14 5l-4 14',
  underline: 'M7 4v7a5 5 0 0 0 10 0V4M5 20h14',
  strikethrough: 'M4 12h16M16 6.5A4 3.5 0 0 0 12 5c-2.5 0-4 1.3-4 3 0 1.2.7 2.2 2.4 3M8 17.5A4.5 3.5 0 0 0 12 19c2.5 0 4.2-1.3 4.2-3.2 0-.9-.3-1.6-.9-2.3',
  bulletList: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  numberList: 'M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.2a1.3 1.3 0 1 1 2.2 1L3.5 18h2.8',
  quote: 'M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  alert: 'M12 8v5M12 16.5h.01M10.3 3.9L2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  close: 'M6 6l12 12M18 6L6 18',
  settings: 'M4 7h10M18 7h2M4 17h2M10 17h10M14 5v4M8 15v4',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15.5 9.5h.01',
  feather: 'M20 4c-6 0-12 4-13 13l-3 3M7 17c6 0 10-4 10-9M11 13h5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

/** Heading buttons read better as letters than as pictures. */
export function TextGlyph({ children }: { children: string }) {
  return (
    <span className="text-glyph" aria-hidden="true">
      {children}
    </span>
  );
}

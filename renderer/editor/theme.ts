import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on the body's DOM; styled in styles/editor.css. */
export const STORY_THEME = {
  paragraph: 'body-p',
  heading: { h2: 'body-h2', h3: 'body-h3' },
  quote: 'body-quote',
  link: 'body-link',
  list: {
    ul: 'body-ul',
    ol: 'body-ol',
    listitem: 'body-li',
    nested: { listitem: 'body-li--nested' },
  },
  text: {
    bold: 'text-bold',
    italic: 'text-italic',
    underline: 'text-underline',
    strikethrough: 'text-strike',
    underlineStrikethrough: 'text-underline-strike',
  },
} as const satisfies EditorThemeClasses;

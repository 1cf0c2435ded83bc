import { SNIPPET_MARK } from '../../shared/api/contract.ts';

/**
 * Chinese and Japanese are written without spaces, and SQLite's unicode61
 * tokenizer turns a whole run of Han characters into one token: "重庆服务业"
 * would only be found by searching for all five characters. Setting every
 * CJK character apart makes each one a token; a search for "服务" then
 * becomes the phrase "服 务" and finds it anywhere in the run.
 */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'gu');

/** Text as the full-text index should see it. */
export function toSearchText(text: string): string {
  return text.replace(CJK_CHAR, ' $& ');
}

const MARKS = `${SNIPPET_MARK.start}${SNIPPET_MARK.end}`;
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}][${MARKS}]*) +| +(?=[${MARKS}]*[${CJK}])`, 'gu');

/** Undoes {@link toSearchText} in a snippet, so people read the text as written. */
export function fromSearchText(snippet: string): string {
  return snippet.replace(SPACE_NEXT_TO_CJK, '');
}

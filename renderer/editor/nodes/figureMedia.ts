import type { LexicalEditor } from 'lexical';
import type { MediaVariant } from '../../../shared/api/methods/media.ts';

/** Turns a media hash into an address the page can load. */
export type MediaUrlResolver = (sha256: string, variant: MediaVariant | null) => string;

/**
 * How an editor's figures name their images outside React: `exportDOM` (copy
 * as HTML, export) gets the editor but no hooks. FigurePlugin registers the
 * API client's resolver; without one, images are named relative to the
 * document (`media/<sha256>`), as an exported folder would hold them.
 */
const byEditor = new WeakMap<LexicalEditor, MediaUrlResolver>();

export const RELATIVE_MEDIA_URL: MediaUrlResolver = (sha256, variant) => `media/${sha256}${variant ? `.${variant}.webp` : ''}`;

export function setFigureMediaUrl(editor: LexicalEditor, resolver: MediaUrlResolver): () => void {
  byEditor.set(editor, resolver);
  return () => {
    if (byEditor.get(editor) === resolver) byEditor.delete(editor);
  };
}

export function figureMediaUrl(editor: LexicalEditor): MediaUrlResolver {
  return byEditor.get(editor) ?? RELATIVE_MEDIA_URL;
}

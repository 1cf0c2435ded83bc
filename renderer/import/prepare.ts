import { IMPORT_MAX_BYTES } from '../../shared/api/methods/transfer.ts';
import { formatBytes } from '../../shared/api/methods/media.ts';
import type { Story } from '../../shared/api/schemas.ts';
import { BLOCK_ID_STATE_KEY, type CaptionRun, type MediaRef, type Sector } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import type { ImportResult, StoryDraft } from '../../shared/transfer/draft.ts';
import { importNinjs } from '../../shared/transfer/importNinjs.ts';
import { importWebText } from '../../shared/transfer/importWebText.ts';
import type { ClientApi } from '../api/types.ts';
import { importDocx, looksLikeDocx, type DocxImage } from './docx.ts';
import { importHtml, sanitizeImportHtml } from './html.ts';

/**
 * The import command's steps outside React: read a file (or pasted text),
 * tell what it is, convert it to a draft with a report — nothing is stored —
 * and, once the person has seen the preview, store its pictures and create
 * the story in one call.
 */

export type ImportFormat = 'web text' | 'Word document' | 'HTML' | 'ninjs';

export interface PreparedImport extends ImportResult {
  format: ImportFormat;
  sourceName: string;
  /** Pictures from a Word file, stored when the story is created. */
  images: DocxImage[];
}

export type ImportProgress =
  | { phase: 'reading' }
  | { phase: 'converting' }
  | { phase: 'images'; done: number; total: number };

export interface PrepareOptions {
  api: ClientApi;
  sectors: readonly Sector[];
  onProgress?: (progress: ImportProgress) => void;
}

/** A refusal meant for the person: the dialog shows its message as it is. */
export class ImportRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

const EXTENSIONS: Record<string, ImportFormat> = {
  txt: 'web text',
  text: 'web text',
  md: 'web text',
  docx: 'Word document',
  html: 'HTML',
  htm: 'HTML',
  xhtml: 'HTML',
  json: 'ninjs',
};

export const IMPORT_ACCEPT = '.txt,.docx,.html,.htm,.json,text/plain,text/html,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function prepareFile(file: File, options: PrepareOptions): Promise<PreparedImport> {
  const name = file.name || 'The file';
  if (file.size === 0) throw new ImportRefusal(`“${name}” is empty: there is nothing to import.`);
  if (file.size > IMPORT_MAX_BYTES) {
    throw new ImportRefusal(`“${name}” is ${formatBytes(file.size)}; Copydesk imports files up to ${formatBytes(IMPORT_MAX_BYTES)}.`);
  }
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (extension === 'doc') {
    throw new ImportRefusal(`“${name}” is an old Word 97–2003 document. Open it in Word and save it as “Word Document (.docx)”, then import that.`);
  }
  options.onProgress?.({ phase: 'reading' });
  const data = await file.arrayBuffer();
  const bytes = new Uint8Array(data);
  const format = EXTENSIONS[extension] ?? (looksLikeDocx(bytes) ? 'Word document' : null);

  if (format === 'Word document') {
    if (!looksLikeDocx(bytes)) {
      throw new ImportRefusal(`“${name}” is not a Word document (.docx), though its name says so. It may be damaged, or another kind of file renamed.`);
    }
    options.onProgress?.({ phase: 'converting' });
    try {
      const result = await importDocx(data, {
        sectors: options.sectors,
        onProgress: (p) => {
          if (p.phase === 'images') options.onProgress?.({ phase: 'images', done: p.done, total: Math.max(p.total, p.done) });
        },
      });
      return { ...result, format, sourceName: name, images: result.imageData };
    } catch (error) {
      throw new ImportRefusal(error instanceof Error ? error.message : String(error));
    }
  }

  const text = decodeText(bytes, name);
  return prepareText(text, { ...options, sourceName: name, format: format ?? undefined });
}

/** Pasted text, or a text file's contents: ninjs JSON, HTML or web-page text. */
export async function prepareText(
  text: string,
  options: PrepareOptions & { sourceName?: string; format?: ImportFormat },
): Promise<PreparedImport> {
  const sourceName = options.sourceName ?? 'Pasted text';
  if (text.trim() === '') throw new ImportRefusal(`${sourceName === 'Pasted text' ? 'The pasted text' : `“${sourceName}”`} is empty: there is nothing to import.`);
  if (text.length > IMPORT_MAX_BYTES) throw new ImportRefusal(`The text is longer than ${formatBytes(IMPORT_MAX_BYTES)}; Copydesk imports up to that much at once.`);
  const trimmed = text.trimStart();
  const format: ImportFormat =
    options.format ?? (trimmed.startsWith('{') ? 'ninjs' : /^<(!doctype|html|body|article|p|h[1-6]|div|section)\b/i.test(trimmed) ? 'HTML' : 'web text');
  options.onProgress?.({ phase: 'converting' });
  // Let the "Converting…" state paint before a long synchronous conversion.
  await new Promise((resolve) => setTimeout(resolve, 0));
  switch (format) {
    case 'ninjs': {
      try {
        const result = await importNinjs(text, {
          sectors: options.sectors,
          validate: async () => {
            const checked = await options.api.invoke('transfer.validateNinjs', { text });
            return checked.issues;
          },
          parseHtml: (html) => sanitizeImportHtml(html).body,
        });
        return { ...result, format, sourceName, images: [] };
      } catch (error) {
        throw new ImportRefusal(error instanceof Error ? error.message : String(error));
      }
    }
    case 'HTML': {
      const result = importHtml(text, { sectors: options.sectors });
      if (result.draft.body.root.children.every((b) => (b.children ?? []).length === 0 && b.type === 'paragraph') && !result.draft.headline) {
        throw new ImportRefusal(`${sourceName === 'Pasted text' ? 'The pasted HTML' : `“${sourceName}”`} has no story text in it.`);
      }
      return { ...result, format, sourceName, images: [] };
    }
    default: {
      const result = importWebText(text, { sectors: options.sectors });
      return { ...result, format: 'web text', sourceName, images: [] };
    }
  }
}

function decodeText(bytes: Uint8Array, name: string): string {
  // A NUL in the first kilobytes: a binary file, whatever its name says.
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new ImportRefusal(`“${name}” is not a text file, a Word document (.docx), HTML or ninjs JSON, so it cannot be imported.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Older files in a legacy encoding: read them rather than refuse; odd characters show in the preview.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

// ── Creating the story ───────────────────────────────────────────────────────

/**
 * Stores the Word file's pictures (media.import; `onImage` counts them), puts
 * each into its figure, then creates the story from the draft in one call.
 */
export async function createFromImport(
  api: ClientApi,
  prepared: PreparedImport,
  onImage?: (done: number, total: number) => void,
): Promise<{ story: Story; imageProblems: string[] }> {
  const stored = new Map<string, { media: MediaRef; caption: string; credit: string; creator: string; alt: string }>();
  const imageProblems: string[] = [];
  let done = 0;
  for (const image of prepared.images) {
    onImage?.(done, prepared.images.length);
    try {
      const info = await api.invoke('media.import', { fileName: image.fileName, dataBase64: toBase64(image.bytes) });
      stored.set(image.blockId, { media: info.media, ...info.metadata });
    } catch (error) {
      // The figure keeps its caption and credit as a placeholder; the person adds the picture later.
      imageProblems.push(`A picture from the Word file was not stored (${error instanceof Error ? error.message : String(error)}); its figure is kept without it.`);
    }
    done += 1;
    onImage?.(done, prepared.images.length);
  }
  const draft: StoryDraft = stored.size === 0 ? prepared.draft : withMedia(prepared.draft, stored);
  const story = await api.invoke('stories.import', draft);
  return { story, imageProblems };
}

function withMedia(draft: StoryDraft, stored: Map<string, { media: MediaRef; caption: string; credit: string; creator: string; alt: string }>): StoryDraft {
  const children = draft.body.root.children.map((block: SerializedNode) => {
    const id = (block.$ as Record<string, unknown> | undefined)?.[BLOCK_ID_STATE_KEY];
    const image = typeof id === 'string' ? stored.get(id) : undefined;
    if (block.type !== 'figure' || !image) return block;
    const caption = block.caption as CaptionRun[];
    // What the Word file did not say, the picture's own IPTC/XMP metadata may.
    return {
      ...block,
      media: image.media,
      caption: caption.length > 0 || image.caption === '' ? caption : [{ text: image.caption.slice(0, 2000), format: 0 }],
      credit: block.credit || image.credit,
      creator: block.creator || image.creator,
      alt: block.alt || image.alt,
    };
  });
  return { ...draft, body: { root: { ...draft.body.root, children } } };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

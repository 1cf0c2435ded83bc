import mammoth from 'mammoth/mammoth.browser.js';
import { BLOCK_ID_STATE_KEY, type Sector } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import type { HtmlImportResult } from '../../shared/transfer/htmlToBlocks.ts';
import { importHtml } from './html.ts';

/**
 * A Word draft (.docx) → a story draft: mammoth turns the document into HTML
 * with a style map for the newsroom's styles (Title → headline, Subtitle →
 * standfirst, Heading 1/2 → H2 or a sector heading, Heading 3+ → H3, Image
 * Caption / Caption → the figure's caption), then the HTML import does the
 * rest. Embedded images are kept with their bytes so the dialog can store
 * them in the media store when the story is created.
 */

export const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p.standfirst:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h2:fresh",
  "p[style-name='Heading 3'] => h3:fresh",
  "p[style-name='Heading 4'] => h3:fresh",
  "p[style-name='Image Caption'] => p.caption:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='Captioned Figure'] => p:fresh",
  "p[style-name='Author'] => p:fresh",
];

/** An image from the Word file, waiting to be stored when the story is created. */
export interface DocxImage {
  blockId: string;
  bytes: Uint8Array;
  mime: string;
  fileName: string;
}

export interface DocxProgress {
  phase: 'reading' | 'converting' | 'images';
  done: number;
  total: number;
}

export interface DocxImport extends HtmlImportResult {
  imageData: DocxImage[];
}

/** The first bytes of every .docx (a ZIP archive). */
export function looksLikeDocx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function importDocx(
  data: ArrayBuffer,
  options: { sectors?: readonly Sector[]; onProgress?: (progress: DocxProgress) => void } = {},
): Promise<DocxImport> {
  if (!looksLikeDocx(new Uint8Array(data, 0, Math.min(4, data.byteLength)))) {
    throw new Error('This file is not a Word document (.docx). Save it from Word as “Word Document (.docx)” and try again.');
  }
  const images = new Map<string, { bytes: Uint8Array; mime: string }>();
  let imageCount = 0;
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'converting', done: 0, total: 0 });
  let html: string;
  try {
    // A copy made in this realm: JSZip checks `instanceof ArrayBuffer`, which a buffer from
    // another realm (a worker, an iframe, jsdom under Node) fails.
    const own = new Uint8Array(data.byteLength);
    own.set(new Uint8Array(data));
    const result = await mammoth.convertToHtml(
      { arrayBuffer: own.buffer },
      {
        styleMap: DOCX_STYLE_MAP,
        // The image stays out of the HTML (a short name instead of a data: URL), its bytes here.
        convertImage: mammoth.images.imgElement(async (image) => {
          const bytes = new Uint8Array(await image.readAsArrayBuffer());
          imageCount += 1;
          // A relative name DOMPurify lets through as an image address; never fetched.
          const token = `copydesk-image-${imageCount}.img`;
          images.set(token, { bytes, mime: image.contentType });
          progress({ phase: 'images', done: imageCount, total: imageCount });
          return { src: token };
        }),
      },
    );
    html = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`This Word file could not be read (${reason}). It may be damaged, or not really a .docx.`);
  }
  const imported = importHtml(html, { sectors: options.sectors, keepUncaptionedImages: true });
  const imageData: DocxImage[] = [];
  for (const found of imported.images) {
    const image = images.get(found.src);
    if (!image) continue;
    const extension = image.mime.split('/')[1]?.replace('jpeg', 'jpg') ?? 'img';
    imageData.push({ blockId: found.blockId, bytes: image.bytes, mime: image.mime, fileName: `word-image-${imageData.length + 1}.${extension}` });
  }
  // Figures whose picture came with the file are not placeholders: say only what still needs a photo.
  const report = imported.report;
  report.notes = report.notes.filter((note) => !/no photos? yet/.test(note));
  const missing = imported.draft.body.root.children.filter((b) => b.type === 'figure' && !imageData.some((i) => i.blockId === blockIdOf(b))).length;
  if (missing > 0) report.notes.push(`${missing === 1 ? 'One figure has' : `${missing} figures have`} a caption but no picture in the file: add it in the editor.`);
  if (imageData.length > 0) {
    const n = imageData.length;
    imported.report.notes.push(
      n === 1 ? 'The picture in the Word file is stored with the story when you create it.' : `The ${n} pictures in the Word file are stored with the story when you create it.`,
    );
  }
  return { ...imported, imageData };
}

function blockIdOf(block: SerializedNode): string | undefined {
  const state = block.$ as Record<string, unknown> | undefined;
  return typeof state?.[BLOCK_ID_STATE_KEY] === 'string' ? state[BLOCK_ID_STATE_KEY] : undefined;
}

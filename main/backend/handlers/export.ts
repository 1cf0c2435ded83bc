import { readFileSync } from 'node:fs';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { EXPORT_EXTENSION, EXPORT_MIME, type ExportFormat } from '../../../shared/api/methods/export.ts';
import type { MediaRef } from '../../../shared/model/anatomy.ts';
import { unresolvedConflicts, unresolvedConflictsMessage } from '../../../shared/review/unresolvedConflicts.ts';
import { renderHtmlDocument } from '../../../shared/transfer/export/html.ts';
import { renderMarkdown } from '../../../shared/transfer/export/markdown.ts';
import { renderNinjs } from '../../../shared/transfer/export/ninjs.ts';
import { exportFileName, mediaPath, type ExportSettings, type ExportStory } from '../../../shared/transfer/export/story.ts';
import type { BackendContext, HandlersFor } from '../context.ts';
import { renderDocx } from '../export/docx.ts';
import { mediaFilePath } from '../media/files.ts';

/** Largest picture put inside an HTML export (a press original is 5–25 MB). */
const EMBED_LIMIT = 30 * 1024 * 1024;

const MISSING_NOTES = {
  html: (n: number) =>
    n === 1
      ? 'One picture is not inside the page (its original is not on this computer); the page points to media/ for it.'
      : `${n} pictures are not inside the page (their originals are not on this computer); the page points to media/ for them.`,
  docx: (n: number) =>
    n === 1
      ? 'One picture is not in the document (its original is not on this computer, or Word cannot hold its format); its caption is.'
      : `${n} pictures are not in the document (their originals are not on this computer, or Word cannot hold their format); their captions are.`,
};

/** `stories.export`: a stored story (with its correction note, if any) as a ninjs, HTML, Markdown or DOCX file. */
export function createExportHandlers(ctx: BackendContext) {
  const { stores, dataDir } = ctx;

  /** The original bytes of an image, or null when they are not in this data folder. */
  const readImage = (media: MediaRef): Uint8Array | null => {
    try {
      return readFileSync(mediaFilePath(dataDir, media.sha256));
    } catch {
      return null;
    }
  };

  /** The text formats, rendered synchronously. */
  const renderText = (format: Exclude<ExportFormat, 'docx'>, story: ExportStory, settings: ExportSettings) => {
    switch (format) {
      case 'ninjs':
        return { encoding: 'utf8' as const, data: renderNinjs(story, settings), notes: [] };
      case 'html': {
        // One self-contained file: pictures travel inside it as data: URLs.
        let missing = 0;
        const imageSrc = (media: MediaRef) => {
          const bytes = readImage(media);
          if (bytes === null || bytes.length > EMBED_LIMIT) {
            missing += 1;
            return mediaPath(media);
          }
          return `data:${media.mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
        };
        const data = renderHtmlDocument(story, settings, { imageSrc });
        return { encoding: 'utf8' as const, data, notes: missing === 0 ? [] : [MISSING_NOTES.html(missing)] };
      }
      case 'markdown':
        return { encoding: 'utf8' as const, data: renderMarkdown(story, settings), notes: [] };
    }
  };

  /** Word packages through the docx package's public `Packer`, which only answers with a promise. */
  const renderWord = async (story: ExportStory, settings: ExportSettings) => {
    const { bytes, missingImages } = await renderDocx(story, settings, { image: readImage });
    const notes = missingImages === 0 ? [] : [MISSING_NOTES.docx(missingImages)];
    return { encoding: 'base64' as const, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), notes };
  };

  return {
    // DOCX is answered through a promise (so by `Backend.call` only); the text
    // formats stay synchronous, which keeps `callSync` working for them.
    'stories.export': ({ id, format }) => {
      const stored = stores.stories.get(id);
      if (!stored) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists, so it could not be exported.', { id });
      // The renderers know no conflict block: the file would silently carry neither version.
      const conflicts = unresolvedConflicts(stored.body);
      if (conflicts > 0) {
        const message = unresolvedConflictsMessage(conflicts, 'exporting');
        throw new CopydeskError(ErrorCode.VALIDATION, message, [{ path: 'body', message }]);
      }
      // The correction note lives in the workflow state but is part of the story: every format prints it,
      // dated in this workstation's time zone, as the editor shows it.
      const story: ExportStory = {
        ...stored,
        correction: stores.workflow.state(id)?.correction ?? null,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
      const settings = stores.settings.publication();
      const file = { fileName: exportFileName(story.headline, EXPORT_EXTENSION[format]), mime: EXPORT_MIME[format] };
      if (format === 'docx') return renderWord(story, settings).then((rendered) => ({ ...file, ...rendered }));
      return { ...file, ...renderText(format, story, settings) };
    },
  } satisfies Pick<HandlersFor<'stories.'>, 'stories.export'>;
}

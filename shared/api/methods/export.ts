import { z } from 'zod';
import { StoryId } from '../../model/story.ts';

/** The formats a story is exported in. */
export const EXPORT_FORMATS = ['ninjs', 'html', 'markdown', 'docx'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What a person picks from, in this order. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  ninjs: 'IPTC ninjs (JSON)',
  html: 'HTML',
  markdown: 'Markdown',
  docx: 'Word (DOCX)',
};

export const EXPORT_MIME: Record<ExportFormat, string> = {
  ninjs: 'application/json',
  html: 'text/html',
  markdown: 'text/markdown',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const EXPORT_EXTENSION: Record<ExportFormat, string> = {
  ninjs: 'json',
  html: 'html',
  markdown: 'md',
  docx: 'docx',
};

/** Exporting a stored story as a file. */
export const exportMethods = {
  'stories.export': {
    input: z.object({ id: StoryId, format: ExportFormat }).strict(),
    output: z.object({
      /** A file name made from the headline, with the format's extension. */
      fileName: z.string().min(1).max(255),
      mime: z.string(),
      /** Text formats come as UTF-8 text; DOCX as base64. */
      encoding: z.enum(['utf8', 'base64']),
      data: z.string(),
      /** Things the file leaves out, said plainly (e.g. a picture whose original is not on this machine). */
      notes: z.array(z.string()),
    }),
  },
} as const;

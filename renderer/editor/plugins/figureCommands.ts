import { createCommand, type NodeKey } from 'lexical';
import type { FigureData } from '../nodes/FigureNode.tsx';

/** Inserts a figure at the caret's block (a placeholder when `media` is null). */
export const INSERT_FIGURE_COMMAND = createCommand<Partial<FigureData>>('INSERT_FIGURE_COMMAND');
/** Opens the file picker: to insert a new figure, or to give the figure `replaceKey` a (new) image. */
export const OPEN_FIGURE_PICKER_COMMAND = createCommand<{ replaceKey?: NodeKey } | undefined>('OPEN_FIGURE_PICKER_COMMAND');

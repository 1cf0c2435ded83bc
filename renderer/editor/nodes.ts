import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { ContributorNoteNode } from './nodes/ContributorNoteNode.tsx';
import { FigureNode } from './nodes/FigureNode.tsx';
import { MergeConflictNode } from './nodes/MergeConflictNode.tsx';
import { SectorHeadingNode } from './nodes/SectorHeadingNode.tsx';

/**
 * Every node a story body may contain (besides Lexical's built-in root,
 * paragraph, text, line break and tab). HeadingNode is limited to H2/H3 by the
 * toolbar, the markdown shortcuts and the paste sanitizer. AutoLinkNode is
 * registered so stored bodies that carry one still open.
 */
export const STORY_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  SectorHeadingNode,
  ContributorNoteNode,
  FigureNode,
  MergeConflictNode,
];

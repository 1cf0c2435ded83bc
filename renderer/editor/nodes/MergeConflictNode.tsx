import { BlockDecoratorNode } from './BlockDecoratorNode.ts';
import {
  $applyNodeReplacement,
  type DOMExportOutput,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { ReactNode } from 'react';
import { documentText, type SerializedNode } from '../../../shared/model/document.ts';
import { blockText, blockTypeLabel } from '../../../shared/review/blockContent.ts';
import { DEFAULT_OURS_LABEL, DEFAULT_THEIRS_LABEL, MERGE_CONFLICT_TYPE, type MergeConflictBlock } from '../../../shared/review/merge.ts';
import { MergeConflictView } from './MergeConflictView.tsx';
import { editorPublication } from './publication.ts';

/** The node's JSON: exactly the anatomy's SerializedMergeConflict (plus `$`, the block id, from the base class). */
export type SerializedMergeConflictNode = Spread<Pick<MergeConflictBlock, 'type' | 'version' | 'ours' | 'theirs' | 'base' | 'oursLabel' | 'theirsLabel'>, SerializedLexicalNode>;

/** What a conflict block holds. A null version: that side deleted the block (ours, theirs) or it is new (base). */
export interface MergeConflictData {
  ours: SerializedNode | null;
  theirs: SerializedNode | null;
  base: SerializedNode | null;
  oursLabel: string;
  theirsLabel: string;
}

const EMPTY_CONFLICT: MergeConflictData = { ours: null, theirs: null, base: null, oursLabel: DEFAULT_OURS_LABEL, theirsLabel: DEFAULT_THEIRS_LABEL };

/**
 * A conflict block (DESIGN.md §7): the hub sync changed a block on both sides
 * in ways that do not merge (shared/review/merge.ts), so both versions stand
 * where the block stood until a person keeps one or both
 * ({@link $resolveMergeConflict}). The versions are serialized blocks, shown
 * as read-only text; they become real nodes only when chosen, so nothing in
 * them can be edited, commented on or counted twice meanwhile.
 */
export class MergeConflictNode extends BlockDecoratorNode {
  protected blockClassName(): string {
    return 'merge-conflict-block';
  }

  __ours: SerializedNode | null;
  __theirs: SerializedNode | null;
  __base: SerializedNode | null;
  __oursLabel: string;
  __theirsLabel: string;

  static override getType(): string {
    return MERGE_CONFLICT_TYPE;
  }

  static override clone(node: MergeConflictNode): MergeConflictNode {
    return new MergeConflictNode(node.getData(), node.__key);
  }

  constructor(data: MergeConflictData = EMPTY_CONFLICT, key?: NodeKey) {
    super(key);
    this.__ours = data.ours;
    this.__theirs = data.theirs;
    this.__base = data.base;
    this.__oursLabel = data.oursLabel;
    this.__theirsLabel = data.theirsLabel;
  }

  static override importJSON(json: SerializedMergeConflictNode): MergeConflictNode {
    return $createMergeConflictNode().updateFromJSON(json);
  }

  /** Reads the versions and labels; the base class restores NodeState (`$`, the block id). */
  override updateFromJSON(json: LexicalUpdateJSON<SerializedMergeConflictNode>): this {
    return super.updateFromJSON(json).setData({
      ours: json.ours ?? null,
      theirs: json.theirs ?? null,
      base: json.base ?? null,
      oursLabel: json.oursLabel ?? DEFAULT_OURS_LABEL,
      theirsLabel: json.theirsLabel ?? DEFAULT_THEIRS_LABEL,
    });
  }

  override exportJSON(): SerializedMergeConflictNode {
    const data = this.getData();
    return {
      ...super.exportJSON(),
      type: MERGE_CONFLICT_TYPE,
      version: 1,
      // Copies: whoever reads the JSON may change it; the node's versions stay as they were.
      ours: structuredClone(data.ours),
      theirs: structuredClone(data.theirs),
      base: structuredClone(data.base),
      oursLabel: data.oursLabel,
      theirsLabel: data.theirsLabel,
    };
  }

  /**
   * Copied out as HTML (another program, an HTML export of a selection): both
   * versions as labelled plain text, so what is pasted elsewhere says plainly
   * that a decision is still open instead of passing one version off as the story.
   */
  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const data = this.getData();
    const publication = editorPublication(editor);
    const options = { sectors: publication.sectors, noteTemplates: publication.noteTemplates };
    const element = document.createElement('div');
    element.className = 'merge-conflict';
    element.setAttribute('data-merge-conflict', '');
    const title = document.createElement('p');
    title.textContent = 'Unresolved conflict: two versions of this block';
    element.append(title);
    for (const [label, version] of [
      [data.oursLabel, data.ours],
      [data.theirsLabel, data.theirs],
    ] as const) {
      const side = document.createElement('blockquote');
      const heading = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = version === null ? label : `${label} (${blockTypeLabel(version)})`;
      heading.append(strong);
      const text = document.createElement('p');
      text.textContent = version === null ? 'Deleted on this side' : blockText(version, options);
      side.append(heading, text);
      element.append(side);
    }
    return { element };
  }

  /**
   * The words a word count and search see: the version the story keeps until
   * someone decides, by the same rule as the backend's `documentText`. Lexical
   * puts a blank line after a block element's text but not after a
   * decorator's, so this block ends its text with one itself: otherwise its
   * last word and the next block's first would count as one.
   */
  override getTextContent(): string {
    const { ours, theirs } = this.getData();
    const text = documentText({ root: { type: 'root', version: 1, children: [{ type: MERGE_CONFLICT_TYPE, version: 1, ours, theirs }] } });
    return `${text}\n\n`;
  }

  getData(): MergeConflictData {
    const self = this.getLatest();
    return { ours: self.__ours, theirs: self.__theirs, base: self.__base, oursLabel: self.__oursLabel, theirsLabel: self.__theirsLabel };
  }

  setData(data: MergeConflictData): this {
    const writable = this.getWritable();
    writable.__ours = data.ours;
    writable.__theirs = data.theirs;
    writable.__base = data.base;
    writable.__oursLabel = data.oursLabel;
    writable.__theirsLabel = data.theirsLabel;
    return writable;
  }

  override decorate(): ReactNode {
    return <MergeConflictView data={this.getData()} nodeKey={this.getKey()} />;
  }
}

export function $createMergeConflictNode(data: MergeConflictData = EMPTY_CONFLICT): MergeConflictNode {
  return $applyNodeReplacement(new MergeConflictNode(data));
}

export function $isMergeConflictNode(node: LexicalNode | null | undefined): node is MergeConflictNode {
  return node instanceof MergeConflictNode;
}

import { BlockDecoratorNode } from './BlockDecoratorNode.ts';
import {
  $applyNodeReplacement,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { ReactNode } from 'react';
import { SectorId, type SerializedSectorHeading } from '../../../shared/model/anatomy.ts';
import { sectorLabel } from '../../../shared/model/publication.ts';
import { editorPublication } from './publication.ts';
import { SectorHeadingView } from './SectorHeadingView.tsx';

/** The node's JSON: exactly the anatomy's SerializedSectorHeading. */
export type SerializedSectorHeadingNode = Spread<Pick<SerializedSectorHeading, 'type' | 'sectorId'>, SerializedLexicalNode>;

/**
 * A sector heading (DESIGN.md §1): starts a section that runs to the next
 * one. It holds only the sector id; the label shown is the sector's current
 * label in the publication settings, so a rename shows in every story.
 */
export class SectorHeadingNode extends BlockDecoratorNode {
  protected blockClassName(): string {
    return 'sector-heading-block';
  }

  __sectorId: string;

  static override getType(): string {
    return 'sector-heading';
  }

  static override clone(node: SectorHeadingNode): SectorHeadingNode {
    return new SectorHeadingNode(node.__sectorId, node.__key);
  }

  constructor(sectorId = '', key?: NodeKey) {
    super(key);
    this.__sectorId = sectorId;
  }

  static override importJSON(json: SerializedSectorHeadingNode): SectorHeadingNode {
    return $createSectorHeadingNode(json.sectorId).updateFromJSON(json);
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedSectorHeadingNode>): this {
    return super.updateFromJSON(json).setSectorId(json.sectorId);
  }

  override exportJSON(): SerializedSectorHeadingNode {
    return { ...super.exportJSON(), type: 'sector-heading', version: 1, sectorId: this.getSectorId() };
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      h2: (element: HTMLElement) =>
        element.hasAttribute('data-sector') ? { conversion: $convertSectorHeadingElement, priority: 2 } : null,
    };
  }

  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const element = document.createElement('h2');
    const id = this.getSectorId();
    element.setAttribute('data-sector', id);
    element.className = 'sector-heading';
    element.textContent = sectorLabel(editorPublication(editor).sectors, id);
    return { element };
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  getSectorId(): string {
    return this.getLatest().__sectorId;
  }

  setSectorId(sectorId: string): this {
    const writable = this.getWritable();
    writable.__sectorId = sectorId;
    return writable;
  }

  override decorate(): ReactNode {
    return <SectorHeadingView sectorId={this.__sectorId} nodeKey={this.getKey()} />;
  }
}

function $convertSectorHeadingElement(element: HTMLElement): DOMConversionOutput {
  const parsed = SectorId.safeParse(element.getAttribute('data-sector') ?? '');
  // A heading whose sector id is not a valid id stays an ordinary heading's text rather than a broken block.
  if (!parsed.success) return { node: null };
  return { node: $createSectorHeadingNode(parsed.data) };
}

export function $createSectorHeadingNode(sectorId: string): SectorHeadingNode {
  return $applyNodeReplacement(new SectorHeadingNode(sectorId));
}

export function $isSectorHeadingNode(node: LexicalNode | null | undefined): node is SectorHeadingNode {
  return node instanceof SectorHeadingNode;
}

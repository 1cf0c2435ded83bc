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
import { z } from 'zod';
import { NoteEntry, type SerializedContributorNote } from '../../../shared/model/anatomy.ts';
import { formatContributorNote } from '../../../shared/model/credits.ts';
import { parseContributorNote } from './contributorNoteText.ts';
import { ContributorNoteView } from './ContributorNoteView.tsx';
import { editorPublication } from './publication.ts';

/** The node's JSON: exactly the anatomy's SerializedContributorNote. */
export type SerializedContributorNoteNode = Spread<Pick<SerializedContributorNote, 'type' | 'contributors'>, SerializedLexicalNode>;

const NoteEntries = z.array(NoteEntry).max(30);

/**
 * A contributor note (DESIGN.md §1): structured contributors with their
 * roles, printed through the publication's templates, e.g. "(Peng Qin, as an
 * intern, also contributed to this report.)". Only complete entries (a name
 * and a role) are stored; the component keeps rows still being typed.
 */
export class ContributorNoteNode extends BlockDecoratorNode {
  protected blockClassName(): string {
    return 'contributor-note-block';
  }

  __contributors: readonly NoteEntry[];

  static override getType(): string {
    return 'contributor-note';
  }

  static override clone(node: ContributorNoteNode): ContributorNoteNode {
    return new ContributorNoteNode(node.__contributors, node.__key);
  }

  constructor(contributors: readonly NoteEntry[] = [], key?: NodeKey) {
    super(key);
    this.__contributors = contributors;
  }

  static override importJSON(json: SerializedContributorNoteNode): ContributorNoteNode {
    return $createContributorNoteNode().updateFromJSON(json);
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedContributorNoteNode>): this {
    return super.updateFromJSON(json).setContributors(json.contributors);
  }

  override exportJSON(): SerializedContributorNoteNode {
    return {
      ...super.exportJSON(),
      type: 'contributor-note',
      version: 1,
      contributors: this.getContributors().map((entry) => ({ ...entry })),
    };
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      p: (element: HTMLElement) =>
        element.classList.contains('contributor-note') ? { conversion: $convertContributorNoteElement, priority: 2 } : null,
    };
  }

  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const element = document.createElement('p');
    element.className = 'contributor-note';
    element.textContent = formatContributorNote(this.getContributors(), editorPublication(editor).noteTemplates);
    return { element };
  }

  getContributors(): readonly NoteEntry[] {
    return this.getLatest().__contributors;
  }

  setContributors(contributors: readonly NoteEntry[]): this {
    const writable = this.getWritable();
    writable.__contributors = contributors.map((entry) => ({ ...entry }));
    return writable;
  }

  override decorate(): ReactNode {
    return <ContributorNoteView contributors={this.__contributors} nodeKey={this.getKey()} />;
  }
}

function $convertContributorNoteElement(element: HTMLElement): DOMConversionOutput {
  // Copydesk's own HTML carries the entries; other HTML only has the sentence.
  const data = element.getAttribute('data-contributors');
  if (data !== null) {
    try {
      const parsed = NoteEntries.safeParse(JSON.parse(data));
      if (parsed.success) return { node: $createContributorNoteNode(parsed.data) };
    } catch {
      // Not JSON: fall back to the sentence.
    }
  }
  const entries = parseContributorNote(element.textContent ?? '');
  return { node: entries.length > 0 ? $createContributorNoteNode(entries) : null };
}

export function $createContributorNoteNode(contributors: readonly NoteEntry[] = []): ContributorNoteNode {
  return $applyNodeReplacement(new ContributorNoteNode(contributors));
}

export function $isContributorNoteNode(node: LexicalNode | null | undefined): node is ContributorNoteNode {
  return node instanceof ContributorNoteNode;
}

import { DecoratorNode } from 'lexical';
import type { ReactNode } from 'react';

/**
 * What every custom top-level block of a story (sector heading, figure,
 * contributor note) has in common: a React-rendered block in a plain wrapper
 * that Lexical never patches, and no body text of its own — word counts and
 * search cover what the reporter wrote, the same way the backend's
 * `documentText` counts, so both sides agree.
 */
export abstract class BlockDecoratorNode extends DecoratorNode<ReactNode> {
  /** CSS class of the block's wrapper element. */
  protected abstract blockClassName(): string;

  override createDOM(): HTMLElement {
    const element = document.createElement('div');
    element.className = this.blockClassName();
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return '';
  }
}

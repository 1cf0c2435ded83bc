import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isNodeSelection,
  $isParagraphNode,
  $isRangeSelection,
  type LexicalNode,
} from 'lexical';

/**
 * Puts a block where the caret is: in place of an empty paragraph (which then
 * follows it, ready for text), before a block whose start the caret is at,
 * otherwise after the caret's block. The caret ends in the paragraph after it.
 */
export function $insertBlockAtCaret(block: LexicalNode): void {
  const selection = $getSelection();
  let target: LexicalNode | null = null;
  let atStart = false;
  if ($isRangeSelection(selection)) {
    const anchor = selection.anchor.getNode();
    target = anchor.getKey() === 'root' ? null : anchor.getTopLevelElement();
    atStart = target !== null && selection.isCollapsed() && selection.anchor.offset === 0 && target.getTextContent() !== '' && $isFirstPosition(anchor, target);
  } else if ($isNodeSelection(selection)) {
    target = selection.getNodes().at(-1)?.getTopLevelElement() ?? null;
  }
  let after: LexicalNode | null = null;
  if (target === null) {
    $getRoot().append(block);
  } else if ($isParagraphNode(target) && target.getTextContent() === '') {
    target.insertBefore(block);
    after = target;
  } else if (atStart) {
    target.insertBefore(block);
    after = target;
  } else {
    target.insertAfter(block);
  }
  if (after === null || !$isElementNode(after)) {
    const next = block.getNextSibling();
    if ($isParagraphNode(next) && next.getTextContent() === '') {
      after = next;
    } else {
      after = $createParagraphNode();
      block.insertAfter(after);
    }
  }
  if ($isElementNode(after)) after.selectStart();
}

function $isFirstPosition(anchor: LexicalNode, block: LexicalNode): boolean {
  let node: LexicalNode | null = anchor;
  while (node !== null && !node.is(block)) {
    if (node.getPreviousSibling() !== null) return false;
    node = node.getParent();
  }
  return true;
}

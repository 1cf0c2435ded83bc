import { useEffect, type RefObject } from 'react';

/**
 * Shows a <dialog> as a modal while `open` is true: the browser keeps focus
 * inside it and Escape cancels it; `focusFirst` names what gets focus first
 * (otherwise the browser's choice). On closing, focus goes back to whatever
 * had it before, so a keyboard user stays where they were. (Where
 * `showModal` is missing, as in jsdom, the dialog is left as rendered.)
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, open = true, focusFirst?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open || dialog.open) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    focusFirst?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
    // Refs are stable: the dialog opens and closes with `open` alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}

import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { Decision } from './usePermissions.ts';

interface PolicyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> {
  /** The policy's answer for this control; null while unknown (the button works, the backend still decides). */
  decision: Decision | null | undefined;
  onClick: () => void;
  children: ReactNode;
}

/**
 * A button the permission policy may refuse. A refused one stays focusable
 * (aria-disabled, not disabled) so keyboard and screen-reader users reach the
 * reason too: it is the button's description and its tooltip.
 */
export function PolicyButton({ decision, onClick, children, className = 'button', disabled, ...rest }: PolicyButtonProps) {
  const refused = decision && !decision.ok ? decision.reason : null;
  return (
    <button
      type="button"
      {...rest}
      className={refused ? `${className} is-refused` : className}
      disabled={disabled}
      aria-disabled={refused ? true : undefined}
      aria-description={refused ?? undefined}
      title={refused ?? rest.title}
      onClick={refused ? undefined : onClick}
    >
      {children}
    </button>
  );
}

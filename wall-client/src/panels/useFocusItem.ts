import type { KeyboardEvent } from 'react';
import type { FOCUS_KINDS } from '../../../protocol/wallView';
import { useLive, useSetWallView } from '../live/LiveModelProvider';

type FocusKind = (typeof FOCUS_KINDS)[number];

/**
 * Props that make a row focus the whole wall on an item, by pointer or keyboard, and mark it
 * while it is the wall's focus.
 */
export function useFocusItem(kind: FocusKind) {
  const setView = useSetWallView();
  const focus = useLive((s) => s.view?.focus ?? null);
  return (id: string) => {
    const choose = () => void setView({ focus: { kind, id } });
    return {
      role: 'button' as const,
      tabIndex: 0,
      'data-focusable': kind,
      'aria-pressed': focus?.kind === kind && focus.id === id,
      className: focus?.kind === kind && focus.id === id ? 'is-focused' : '',
      onClick: choose,
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      },
    };
  };
}

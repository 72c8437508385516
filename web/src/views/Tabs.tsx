import { useRef, type KeyboardEvent } from 'react';
import type { Tab } from '../state/permalink';

export interface TabInfo {
  readonly id: Tab;
  readonly label: string;
  /** Alt+digit shortcut. */
  readonly key: string;
}

export const TAB_INFO: readonly TabInfo[] = [
  { id: 'verdicts', label: 'Verdicts', key: '1' },
  { id: 'graph', label: 'Graph', key: '2' },
  { id: 'space', label: 'Iteration space', key: '3' },
  { id: 'vectors', label: 'Vectors', key: '4' },
  { id: 'runtime', label: 'Values', key: '5' },
  { id: 'cuda', label: 'CUDA', key: '6' },
  { id: 'run', label: 'Run', key: '7' },
];

export const tabId = (t: Tab): string => `tab-${t}`;
export const panelId = (t: Tab): string => `panel-${t}`;

interface Props {
  readonly active: Tab;
  readonly onSelect: (t: Tab) => void;
  /** Small marks after a tab's name (e.g. a count). */
  readonly badges: Partial<Record<Tab, string>>;
}

/** WAI-ARIA tabs with roving focus: Left/Right/Home/End move and select, Tab leaves to the panel. */
export function Tabs({ active, onSelect, badges }: Props) {
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const move = (e: KeyboardEvent<HTMLDivElement>): void => {
    const k = TAB_INFO.findIndex((t) => t.id === active);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (k + 1) % TAB_INFO.length;
    else if (e.key === 'ArrowLeft') next = (k - 1 + TAB_INFO.length) % TAB_INFO.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TAB_INFO.length - 1;
    if (next === null) return;
    e.preventDefault();
    const t = TAB_INFO[next]!.id;
    onSelect(t);
    refs.current.get(t)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Views" onKeyDown={move}>
      {TAB_INFO.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={tabId(t.id)}
          aria-controls={panelId(t.id)}
          aria-selected={t.id === active}
          tabIndex={t.id === active ? 0 : -1}
          title={`${t.label} (Alt+${t.key})`}
          data-testid={`tab-${t.id}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {badges[t.id] ? <span className="tab-badge">{badges[t.id]}</span> : null}
        </button>
      ))}
    </div>
  );
}

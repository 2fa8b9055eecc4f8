import type { ReactNode } from 'react';

type Kind = 'info' | 'success' | 'warning' | 'error';

/** A boxed message. `live` announces it to screen readers when it appears. */
export function Notice({ kind = 'info', title, children, live = false }: { kind?: Kind; title?: ReactNode; children?: ReactNode; live?: boolean }) {
  return (
    <div className={`notice notice--${kind}`} role={live ? (kind === 'error' ? 'alert' : 'status') : undefined}>
      {title && <p className="notice__title">{title}</p>}
      {children}
    </div>
  );
}

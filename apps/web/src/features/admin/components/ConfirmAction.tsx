import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The button's text; add the row's name in a visually-hidden span when several rows have one. */
  label: ReactNode;
  question: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => Promise<unknown>;
  pending?: boolean;
}

/**
 * An action that asks first, in the page (no browser dialog): the question takes the button's place,
 * focus goes to « confirm », and back to the button on « Annuler ».
 */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, pending = false }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returning = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returning.current) triggerRef.current?.focus();
    returning.current = false;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className="btn btn--secondary btn--small" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-action">
      <p className="confirm-action__question">{question}</p>
      <div className="inline-actions">
        <button
          ref={confirmRef}
          type="button"
          className="btn btn--danger btn--small"
          disabled={pending}
          onClick={() => void onConfirm().finally(() => setAsking(false))}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className="btn btn--link"
          onClick={() => {
            returning.current = true;
            setAsking(false);
          }}
        >
          Annuler
        </button>
      </div>
    </div>
  );
}

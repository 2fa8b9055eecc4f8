import { type ReactNode, useEffect, useRef } from 'react';

/** The heading of a step shown in place of the previous one: it takes focus, so the change is read. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

// The province's own mark: a wave over a lagoon, drawn in CSS colours (no State emblem, no web font).
export function Wordmark() {
  return (
    <span className="wordmark">
      <svg className="wordmark__logo" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <rect width="40" height="40" rx="8" className="wordmark__sea" />
        <path d="M4 27c5-4 11-4 16 0s11 4 16 0v9H4z" className="wordmark__lagoon" />
        <path d="M8 20c3-6 8-9 12-9s9 3 12 9" className="wordmark__reef" />
      </svg>
      <span className="wordmark__text">
        <span className="wordmark__name">Province Sud</span>
        <span className="wordmark__tagline">Portail des démarches</span>
      </span>
    </span>
  );
}

export function Footer() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__title">Province Sud — Nouvelle-Calédonie</p>
        <p>Le compte provincial : une seule inscription pour vos démarches auprès de la province Sud.</p>
        <p>
          <a href="/verifier">Vérifier un récépissé ou une décision de la province</a>
        </p>
        <p>Accessibilité : partiellement conforme au RGAA. Heure de Nouméa (UTC+11).</p>
      </div>
    </footer>
  );
}

import { Loading } from '../../../components/Loading';
import { Timeline } from '../../../components/Timeline';
import { useBusinessHistory } from '../api/businesses';
import { text } from './labels';

/** Who joined, left, or changed a mandate (managers only). */
export function HistorySection({ businessId }: { businessId: string }) {
  const history = useBusinessHistory(businessId, true);
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 id="history-title">Historique</h2>
      {history.isPending && <Loading />}
      {history.data &&
        (history.data.items.length === 0 ? (
          <p>Rien à signaler pour le moment.</p>
        ) : (
          <Timeline
            label="Historique de l’entreprise"
            entries={history.data.items.map((entry) => ({ id: entry.id, at: entry.at, title: entry.label, body: <p>Par {text(entry.actorName) ?? 'la province Sud'}</p> }))}
          />
        ))}
    </section>
  );
}

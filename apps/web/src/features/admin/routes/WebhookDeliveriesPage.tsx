import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useDeliveries, useRedeliver, useWebhooks, type WebhookDelivery } from '../api/admin';
import { DELIVERY_STATUS_LABELS } from '../components/labels';

const STATUS_BADGES: Record<WebhookDelivery['status'], string> = { pending: 'badge--info', delivered: 'badge--success', failed: 'badge--danger' };

export function WebhookDeliveriesPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const status = (search.get('statut') ?? undefined) as WebhookDelivery['status'] | undefined;
  const webhook = useWebhooks().data?.find((w) => w.id === id);
  const deliveries = useDeliveries(id, status);
  usePageTitle('Livraisons du webhook — Administration');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/webhooks">Webhooks</Link>
      </p>
      <h1>Livraisons du webhook</h1>
      {webhook && <p className="admin-url">{webhook.url}</p>}
      <div className="field">
        <label className="field__label" htmlFor="filtre-statut">
          Afficher
        </label>
        <select
          id="filtre-statut"
          className="select"
          value={status ?? ''}
          onChange={(e) => setSearch(e.target.value ? { statut: e.target.value } : {}, { replace: true })}
        >
          <option value="">Toutes les livraisons</option>
          {Object.entries(DELIVERY_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {deliveries.isPending && <Loading />}
      {deliveries.isError && <Notice kind="error" title="Les livraisons ne peuvent pas être affichées">{formErrors(deliveries.error).message}</Notice>}
      {deliveries.data && deliveries.data.length === 0 && <p>Aucune livraison.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <Table
          caption="Les 100 dernières livraisons, la plus récente d’abord"
          rows={deliveries.data}
          rowKey={(d) => d.id}
          columns={[
            { header: 'Événement', rowHeader: true, cell: (d) => `n° ${d.eventId}` },
            { header: 'État', cell: (d) => <span className={`badge ${STATUS_BADGES[d.status]}`}>{DELIVERY_STATUS_LABELS[d.status]}</span> },
            { header: 'Essais', cell: (d) => d.attempts },
            { header: 'Dernière réponse', cell: (d) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—') },
            { header: 'Créée le', cell: (d) => formatDateTime(d.createdAt) },
            { header: 'Livrée le', cell: (d) => (d.deliveredAt ? formatDateTime(d.deliveredAt) : '—') },
          ]}
        />
      )}
      <RedeliverForm id={id} />
    </>
  );
}

function RedeliverForm({ id }: { id: string }) {
  const [after, setAfter] = useState('0');
  const redeliver = useRedeliver(id);
  const errors = redeliver.isError ? formErrors(redeliver.error) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await redeliver.mutateAsync(after.trim()).catch(() => undefined);
  }

  return (
    <section className="section" aria-labelledby="rejouer">
      <h2 id="rejouer">Renvoyer des livraisons</h2>
      {redeliver.isSuccess && (
        <Notice kind="success" live>
          <p>
            {redeliver.data.redelivered} livraison{redeliver.data.redelivered > 1 ? 's' : ''} remise{redeliver.data.redelivered > 1 ? 's' : ''} en file d’envoi.
          </p>
        </Notice>
      )}
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field name="afterEventId" label="Renvoyer tout ce qui suit l’événement n°" hint="Le dernier événement que le logiciel a bien traité ; 0 pour tout renvoyer." error={errors?.fields.afterEventId}>
          {(control) => <input {...control} className="input input--short" inputMode="numeric" value={after} onChange={(e) => setAfter(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={redeliver.isPending}>
          Renvoyer
        </Button>
      </form>
    </section>
  );
}

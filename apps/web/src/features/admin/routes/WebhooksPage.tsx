import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { type NewWebhook, useCreateWebhook, useDisableWebhook, useWebhooks, type Webhook } from '../api/admin';
import { ConfirmAction } from '../components/ConfirmAction';
import { DIRECTORATES, directorateName, EVENT_TYPE_LABELS } from '../components/labels';

type EventType = NonNullable<NewWebhook['eventTypes']>[number];
const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS) as EventType[];

export function WebhooksPage() {
  usePageTitle('Webhooks — Administration');
  const webhooks = useWebhooks();
  const disable = useDisableWebhook();
  const events = (w: Webhook) => (w.eventTypes.length === EVENT_TYPES.length ? 'Tous' : w.eventTypes.map((e) => EVENT_TYPE_LABELS[e] ?? e).join(', '));

  return (
    <>
      <h1>Webhooks</h1>
      <p>Les logiciels de gestion des directions reçoivent les événements des dossiers, signés (Standard Webhooks). Une livraison refusée est renvoyée avec la même identité.</p>
      {disable.isError && (
        <Notice kind="error" live>
          <p>{formErrors(disable.error).message}</p>
        </Notice>
      )}
      {webhooks.isPending && <Loading />}
      {webhooks.isError && <Notice kind="error" title="Les abonnements ne peuvent pas être affichés" />}
      {webhooks.data && webhooks.data.length === 0 && <p>Aucun abonnement pour l’instant.</p>}
      {webhooks.data && webhooks.data.length > 0 && (
        <Table
          caption={`Abonnements (${webhooks.data.length})`}
          rows={webhooks.data}
          rowKey={(w) => w.id}
          columns={[
            {
              header: 'Adresse',
              rowHeader: true,
              cell: (w) => (
                <>
                  <Link to={`/admin/webhooks/${w.id}`} className="admin-url">
                    {w.url}
                  </Link>
                  {w.description && <span className="admin-muted">{w.description}</span>}
                </>
              ),
            },
            { header: 'Direction', cell: (w) => directorateName(w.directorateCode) },
            { header: 'Événements', cell: (w) => events(w) },
            { header: 'Créé le', cell: (w) => formatDate(w.createdAt) },
            {
              header: 'État',
              cell: (w) =>
                w.disabledAt ? (
                  <span className="badge badge--neutral">Désactivé le {formatDate(w.disabledAt)}</span>
                ) : (
                  <ConfirmAction
                    label={<>Désactiver<span className="visually-hidden"> le webhook {w.url}</span></>}
                    question="Désactiver cet abonnement ? Plus rien ne lui sera envoyé ; son historique reste."
                    confirmLabel="Confirmer la désactivation"
                    pending={disable.isPending}
                    onConfirm={() => disable.mutateAsync(w.id).catch(() => undefined)}
                  />
                ),
            },
          ]}
        />
      )}
      <CreateWebhookForm />
    </>
  );
}

function CreateWebhookForm() {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [directorate, setDirectorate] = useState('');
  const [eventTypes, setEventTypes] = useState<EventType[]>([]);
  const create = useCreateWebhook();
  const errors = create.isError ? formErrors(create.error) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: NewWebhook = { url, ...(description ? { description } : {}), ...(directorate ? { directorateCode: directorate as NewWebhook['directorateCode'] } : {}), ...(eventTypes.length > 0 ? { eventTypes } : {}) };
    try {
      await create.mutateAsync(body);
      setUrl('');
      setDescription('');
    } catch {
      // Shown by the error summary.
    }
  }

  return (
    <section className="section" aria-labelledby="nouvel-abonnement">
      <h2 id="nouvel-abonnement">Nouvel abonnement</h2>
      {create.isSuccess && (
        <Notice kind="success" live title="Abonnement créé">
          <p>Le secret de signature n’est montré qu’une fois : copiez-le maintenant dans le logiciel qui reçoit les webhooks.</p>
          <p>
            <code className="admin-secret">{create.data.secret}</code>
          </p>
        </Notice>
      )}
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field name="url" label="Adresse de réception" hint={<>En https, par exemple <span className="admin-url">https://gestion.exemple.nc/webhooks/portail</span>.</>} error={errors?.fields.url}>
          {(control) => <input {...control} className="input" type="url" spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <Field name="description" label="Description (facultatif)" error={errors?.fields.description}>
          {(control) => <input {...control} className="input" value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field name="directorateCode" label="Direction" error={errors?.fields.directorateCode}>
          {(control) => (
            <select {...control} className="select" value={directorate} onChange={(e) => setDirectorate(e.target.value)}>
              <option value="">Toutes les directions</option>
              {DIRECTORATES.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="fieldset field">
          <legend className="field__label">Événements (aucun coché : tous)</legend>
          <div className="checkboxes">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  name="eventTypes"
                  value={type}
                  checked={eventTypes.includes(type)}
                  onChange={(e) => setEventTypes((current) => (e.target.checked ? [...current, type] : current.filter((t) => t !== type)))}
                />{' '}
                {EVENT_TYPE_LABELS[type]}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Création…' : 'Créer l’abonnement'}
        </Button>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { type NewStaff, type StaffMember, useCreateStaff, useDeactivateStaff, useResetSecondFactor, useStaff } from '../api/admin';
import { ConfirmAction } from '../components/ConfirmAction';
import { ACCOUNT_STATUS_LABELS, DIRECTORATES, ROLE_LABELS } from '../components/labels';

const EMPTY: NewStaff = { email: '', firstName: '', lastName: '', role: 'agent', directorateCode: 'DEL' };

export function StaffPage() {
  usePageTitle('Personnel — Administration');
  const staff = useStaff();
  const me = useSession().data;
  const deactivate = useDeactivateStaff();
  const resetFactor = useResetSecondFactor();
  const [done, setDone] = useState<string | null>(null);
  const actionError = deactivate.error ?? resetFactor.error;

  const name = (m: StaffMember) => `${m.firstName} ${m.lastName}`;
  const act = async (run: () => Promise<unknown>, message: string) => {
    setDone(null);
    try {
      await run();
      setDone(message);
    } catch {
      // Shown below the heading.
    }
  };

  return (
    <>
      <h1>Personnel</h1>
      <p>Les agents et superviseurs instruisent les dossiers de leur direction. Un compte désactivé est déconnecté aussitôt ; ses actes restent à son nom.</p>
      {done && (
        <Notice kind="success" live>
          <p>{done}</p>
        </Notice>
      )}
      {actionError && (
        <Notice kind="error" live>
          <p>{formErrors(actionError).message}</p>
        </Notice>
      )}
      {staff.isPending && <Loading />}
      {staff.isError && <Notice kind="error" title="La liste du personnel ne peut pas être affichée" />}
      {staff.data && (
        <Table
          caption={`Comptes du personnel (${staff.data.length})`}
          rows={staff.data}
          rowKey={(m) => m.id}
          columns={[
            {
              header: 'Nom',
              rowHeader: true,
              cell: (m) => (
                <>
                  {name(m)}
                  <span className="admin-muted">{m.email}</span>
                </>
              ),
            },
            { header: 'Rôle', cell: (m) => ROLE_LABELS[m.role] },
            { header: 'Direction', cell: (m) => m.directorateCode ?? '—' },
            { header: 'État', cell: (m) => <span className={m.status === 'active' ? 'badge badge--success' : 'badge badge--neutral'}>{ACCOUNT_STATUS_LABELS[m.status]}</span> },
            { header: 'Créé le', cell: (m) => formatDate(m.createdAt) },
            {
              header: 'Actions',
              cell: (m) =>
                m.id === me?.id ? (
                  'Votre compte'
                ) : (
                  <div className="admin-actions">
                    {m.role !== 'admin' && m.status === 'active' && (
                      <ConfirmAction
                        label={<>Désactiver<span className="visually-hidden"> {name(m)}</span></>}
                        question={`Désactiver le compte de ${name(m)} ? Il sera déconnecté aussitôt.`}
                        confirmLabel="Confirmer la désactivation"
                        pending={deactivate.isPending}
                        onConfirm={() => act(() => deactivate.mutateAsync(m.id), `Le compte de ${name(m)} est désactivé.`)}
                      />
                    )}
                    {m.status === 'active' && (
                      <ConfirmAction
                        label={<>Réinitialiser la double authentification<span className="visually-hidden"> de {name(m)}</span></>}
                        question={`Réinitialiser la double authentification de ${name(m)} ? Ses sessions seront fermées ; il l’activera de nouveau à sa prochaine connexion.`}
                        confirmLabel="Confirmer la réinitialisation"
                        pending={resetFactor.isPending}
                        onConfirm={() => act(() => resetFactor.mutateAsync(m.id), `La double authentification de ${name(m)} est réinitialisée.`)}
                      />
                    )}
                  </div>
                ),
            },
          ]}
        />
      )}
      <CreateStaffForm />
    </>
  );
}

function CreateStaffForm() {
  const [form, setForm] = useState<NewStaff>(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const create = useCreateStaff();
  const errors = create.isError ? formErrors(create.error) : null;
  const set = (patch: Partial<NewStaff>) => setForm((current) => ({ ...current, ...patch }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    try {
      const account = await create.mutateAsync(form);
      setCreated(`${account.firstName} ${account.lastName} a reçu un courriel pour choisir son mot de passe.`);
      setForm(EMPTY);
    } catch {
      // Shown by the error summary.
    }
  }

  return (
    <section className="section" aria-labelledby="creer-compte">
      <h2 id="creer-compte">Créer un compte agent ou superviseur</h2>
      {created && (
        <Notice kind="success" live title="Compte créé">
          <p>{created}</p>
        </Notice>
      )}
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field name="firstName" label="Prénom" error={errors?.fields.firstName}>
          {(control) => <input {...control} className="input" autoComplete="off" value={form.firstName} onChange={(e) => set({ firstName: e.target.value })} />}
        </Field>
        <Field name="lastName" label="Nom" error={errors?.fields.lastName}>
          {(control) => <input {...control} className="input" autoComplete="off" value={form.lastName} onChange={(e) => set({ lastName: e.target.value })} />}
        </Field>
        <Field name="email" label="Adresse électronique professionnelle" error={errors?.fields.email}>
          {(control) => <input {...control} className="input" type="email" autoComplete="off" spellCheck={false} value={form.email} onChange={(e) => set({ email: e.target.value })} />}
        </Field>
        <Field name="role" label="Rôle" hint="Un superviseur répartit aussi les dossiers entre les agents de sa direction." error={errors?.fields.role}>
          {(control) => (
            <select {...control} className="select" value={form.role} onChange={(e) => set({ role: e.target.value as NewStaff['role'] })}>
              <option value="agent">Agent</option>
              <option value="supervisor">Superviseur</option>
            </select>
          )}
        </Field>
        <Field name="directorateCode" label="Direction" error={errors?.fields.directorateCode}>
          {(control) => (
            <select {...control} className="select" value={form.directorateCode} onChange={(e) => set({ directorateCode: e.target.value as NewStaff['directorateCode'] })}>
              {DIRECTORATES.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Création…' : 'Créer le compte'}
        </Button>
      </form>
    </section>
  );
}

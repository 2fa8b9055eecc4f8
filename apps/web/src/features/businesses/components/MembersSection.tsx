import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table, type Column } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { useApproveMember, useMembers, useRevokeMember, useUpdateMember, type Member, type MemberChanges } from '../api/businesses';
import { ROLE_LABELS, scopeLabel, text, type DirectorateCode } from './labels';
import { MemberStatusBadge } from './MemberStatusBadge';
import { ScopeCheckboxes } from './ScopeCheckboxes';

function EditMember({ businessId, member, onDone }: { businessId: string; member: Member; onDone: (message: string) => void }) {
  const update = useUpdateMember(businessId);
  const errors = update.isError ? formErrors(update.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const directorates = form.getAll('scopeDirectorates').filter((v): v is string => typeof v === 'string') as DirectorateCode[];
    const changes: MemberChanges = { scopeDirectorates: directorates.length > 0 ? directorates : null };
    if (member.role !== 'legal_representative') changes.role = textOf(form, 'role') as MemberChanges['role'];
    update.mutate({ membershipId: member.id, changes }, { onSuccess: () => onDone(`Le mandat de ${member.name} est modifié.`) });
  }

  return (
    <details className="member-edit">
      <summary>
        Modifier<span className="visually-hidden"> le mandat de {member.name}</span>
      </summary>
      <form onSubmit={onSubmit} noValidate>
        {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
        {member.role !== 'legal_representative' && (
          <fieldset className="fieldset">
            <legend>Rôle de {member.name}</legend>
            <label className="radio">
              <input type="radio" name="role" value="member" defaultChecked={member.role === 'member'} />
              Membre
            </label>
            <label className="radio">
              <input type="radio" name="role" value="admin" defaultChecked={member.role === 'admin'} />
              Administrateur
            </label>
          </fieldset>
        )}
        <ScopeCheckboxes name="scopeDirectorates" legend={`Directions couvertes pour ${member.name}`} defaultValue={member.scopeDirectorates} />
        <Button type="submit" variant="secondary" className="btn--small" disabled={update.isPending}>
          Enregistrer
        </Button>
      </form>
    </details>
  );
}

function MemberActions({ businessId, member, myMembershipId, onDone }: { businessId: string; member: Member; myMembershipId: string; onDone: (message: string) => void }) {
  const approve = useApproveMember(businessId);
  const revoke = useRevokeMember(businessId);
  const [confirming, setConfirming] = useState(false);
  // The row may leave the table once the list is read again (a revoked mandate): the message is the section's.
  const after = (action: Promise<unknown>, message: string) => void action.then(() => onDone(message)).catch(() => undefined);
  if (member.id === myMembershipId || (member.status !== 'verified' && member.status !== 'pending')) return null;
  return (
    <div>
      <div className="inline-actions">
        {member.status === 'pending' && (
          <Button variant="secondary" className="btn--small" disabled={approve.isPending} onClick={() => after(approve.mutateAsync(member.id), `${member.name} est désormais membre.`)}>
            Approuver<span className="visually-hidden"> {member.name}</span>
          </Button>
        )}
        {member.status === 'verified' &&
          (confirming ? (
            <>
              <Button variant="danger" className="btn--small" disabled={revoke.isPending} onClick={() => after(revoke.mutateAsync(member.id), `Le mandat de ${member.name} est révoqué.`)}>
                Confirmer la révocation<span className="visually-hidden"> de {member.name}</span>
              </Button>
              <Button variant="link" className="btn--small" onClick={() => setConfirming(false)}>
                Annuler
              </Button>
            </>
          ) : (
            <Button variant="secondary" className="btn--small" onClick={() => setConfirming(true)}>
              Révoquer<span className="visually-hidden"> {member.name}</span>
            </Button>
          ))}
      </div>
      {member.status === 'verified' && <EditMember businessId={businessId} member={member} onDone={onDone} />}
      {(approve.isError || revoke.isError) && <p className="field__error">{formErrors(approve.error ?? revoke.error).message}</p>}
    </div>
  );
}

/** The people who act for the business, with their role and scope; managers act on them. */
export function MembersSection({ businessId, canManage, myMembershipId }: { businessId: string; canManage: boolean; myMembershipId: string }) {
  const members = useMembers(businessId);
  const [done, setDone] = useState<string | null>(null);
  const rows = (members.data ?? []).filter((m) => m.status === 'verified' || m.status === 'pending');
  const columns: Column<Member>[] = [
    {
      header: 'Personne',
      rowHeader: true,
      cell: (m: Member) => (
        <>
          {m.name}
          <span className="business-card__meta member-email">{m.email}</span>
        </>
      ),
    },
    {
      header: 'Rôle et périmètre',
      cell: (m: Member) => (
        <>
          {ROLE_LABELS[m.role]}
          <span className="business-card__meta member-email">{scopeLabel(m.scopeDirectorates, m.scopeServices)}</span>
        </>
      ),
    },
    {
      header: 'Mandat',
      cell: (m: Member) => (
        <>
          <MemberStatusBadge status={m.status} />
          {text(m.expiresAt) && <span className="business-card__meta"> jusqu’au {formatDate(text(m.expiresAt)!)}</span>}
        </>
      ),
    },
  ];
  if (canManage) columns.push({ header: 'Actions', cell: (m: Member) => <MemberActions businessId={businessId} member={m} myMembershipId={myMembershipId} onDone={setDone} /> });

  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">Membres</h2>
      {done && (
        <Notice kind="success" live>
          <p>{done}</p>
        </Notice>
      )}
      {members.isPending && <Loading />}
      {members.isError && <Notice kind="error" title="Les membres ne peuvent pas être affichés" />}
      {members.data && <Table caption="Personnes qui agissent pour l’entreprise" columns={columns} rows={rows} rowKey={(m) => m.id} />}
    </section>
  );
}

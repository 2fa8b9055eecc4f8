import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { Table, type Column } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { useCancelInvitation, usePendingInvitations, type Invitation } from '../api/businesses';
import { ROLE_LABELS, scopeLabel } from './labels';

/** The invitations sent and not yet answered, each withdrawable (its link then stops working). Managers only. */
export function PendingInvitations({ businessId }: { businessId: string }) {
  const invitations = usePendingInvitations(businessId);
  const cancel = useCancelInvitation(businessId);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const rows = invitations.data ?? [];
  const columns: Column<Invitation>[] = [
    { header: 'Adresse invitée', rowHeader: true, cell: (i) => i.email },
    { header: 'Rôle et périmètre', cell: (i) => `${ROLE_LABELS[i.role]} — ${scopeLabel(i.scopeDirectorates, i.scopeServices)}` },
    { header: 'Lien valable jusqu’au', cell: (i) => formatDate(i.validUntil) },
    {
      header: 'Action',
      cell: (i) => (
        <Button variant="secondary" className="btn--small" disabled={cancel.isPending} onClick={() => cancel.mutate(i.id, { onSuccess: () => setWithdrawn(i.email) })}>
          Annuler l’invitation<span className="visually-hidden"> de {i.email}</span>
        </Button>
      ),
    },
  ];

  if (rows.length === 0 && !withdrawn) return null;
  return (
    <section className="section" aria-labelledby="pending-invitations-title">
      <h2 id="pending-invitations-title">Invitations en attente</h2>
      {withdrawn && (
        <Notice kind="success" live>
          <p>L’invitation de {withdrawn} est annulée : son lien ne fonctionne plus.</p>
        </Notice>
      )}
      {cancel.isError && <p className="field__error">{formErrors(cancel.error).message}</p>}
      {rows.length > 0 && <Table caption="Invitations envoyées, sans réponse à ce jour" columns={columns} rows={rows} rowKey={(i) => i.id} />}
    </section>
  );
}

import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { useMySessions, useRevokeOtherSessions, useRevokeSession, type MySession } from '../api/security';

/** Where I am signed in: device, approximate times, this session marked; sign out one, or all the others. */
export function SessionsSection() {
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const failed = revoke.error ?? revokeOthers.error;
  const others = (sessions.data ?? []).filter((s) => !s.current);

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Mes sessions</h2>
      <p>Les appareils où votre compte est connecté. Une session que vous ne reconnaissez pas ? Déconnectez-la, puis changez votre mot de passe.</p>
      {sessions.isPending && <Loading />}
      {failed && <ErrorSummary message={formErrors(failed).message} />}
      {(revoke.isSuccess || revokeOthers.isSuccess) && (
        <Notice kind="success" live>
          <p>{revokeOthers.isSuccess ? 'Toutes vos autres sessions sont déconnectées.' : 'La session est déconnectée.'}</p>
        </Notice>
      )}
      {sessions.data && (
        <Table<MySession>
          caption="Sessions ouvertes"
          rows={sessions.data}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Appareil', rowHeader: true, cell: (s) => (s.current ? <>{s.device} <span className="badge badge--info">Cette session</span></> : s.device) },
            { header: 'Connexion', cell: (s) => formatDateTime(s.signedInAt) },
            { header: 'Dernière activité', cell: (s) => `vers ${formatDateTime(s.lastActiveAt)}` },
            {
              header: 'Action',
              cell: (s) =>
                s.current ? (
                  '—'
                ) : (
                  // Named in full (the visible word first): in a table, « Déconnecter » alone would not say which.
                  <Button variant="link" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)} aria-label={`Déconnecter la session ${s.device} du ${formatDateTime(s.signedInAt)}`}>
                    Déconnecter
                  </Button>
                ),
            },
          ]}
        />
      )}
      {others.length > 0 && (
        <Button variant="secondary" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
          Déconnecter toutes mes autres sessions
        </Button>
      )}
    </section>
  );
}

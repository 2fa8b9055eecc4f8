import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useDeadLetters, useReplayDeadLetter } from '../api/admin';
import { ConfirmAction } from '../components/ConfirmAction';

export function DeadLettersPage() {
  usePageTitle('Tâches en échec — Administration');
  const deadLetters = useDeadLetters();
  const replay = useReplayDeadLetter();
  return (
    <>
      <h1>Tâches en échec</h1>
      <p>Les tâches de fond (courriels, webhooks, échéances…) qui ont échoué après tous leurs essais. Une fois la cause réglée, relancez-les : elles ne produisent leur effet qu’une fois.</p>
      {replay.isSuccess && (
        <Notice kind="success" live>
          <p>La tâche {replay.data.jobName} est relancée.</p>
        </Notice>
      )}
      {replay.isError && (
        <Notice kind="error" live>
          <p>{formErrors(replay.error).message}</p>
        </Notice>
      )}
      {deadLetters.isPending && <Loading />}
      {deadLetters.isError && <Notice kind="error" title="Les tâches en échec ne peuvent pas être affichées" />}
      {deadLetters.data && deadLetters.data.length === 0 && <p>Aucune tâche en échec.</p>}
      {deadLetters.data && deadLetters.data.length > 0 && (
        <Table
          caption={`Tâches en échec (${deadLetters.data.length})`}
          rows={deadLetters.data}
          rowKey={(d) => d.id}
          columns={[
            {
              header: 'Tâche',
              rowHeader: true,
              cell: (d) => (
                <>
                  {d.jobName}
                  <span className="admin-muted">file {d.queue}</span>
                </>
              ),
            },
            { header: 'Erreur', cell: (d) => <span className="admin-error">{d.error}</span> },
            { header: 'Essais', cell: (d) => d.attempts },
            { header: 'Échec le', cell: (d) => formatDateTime(d.failedAt) },
            {
              header: 'Relance',
              cell: (d) =>
                d.replayedAt ? (
                  `Relancée le ${formatDateTime(d.replayedAt)}`
                ) : (
                  <ConfirmAction
                    label={<>Relancer<span className="visually-hidden"> la tâche {d.jobName} du {formatDateTime(d.failedAt)}</span></>}
                    question="Relancer cette tâche ?"
                    confirmLabel="Confirmer la relance"
                    pending={replay.isPending}
                    onConfirm={() => replay.mutateAsync(d.id).catch(() => undefined)}
                  />
                ),
            },
          ]}
        />
      )}
    </>
  );
}

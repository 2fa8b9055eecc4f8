import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { usePageTitle } from '../../../lib/page-title';
import { type TeamMember, useTeam } from '../api/agent';
import { useAgentLive } from '../api/live';
import { AgentNav } from '../components/AgentNav';
import { personName, ROLE_LABELS } from '../components/labels';
import '../components/agent.css';

/** Each agent's load, live; a file is reassigned from its page. */
export function TeamPage() {
  usePageTitle('Équipe et charge');
  const team = useTeam();
  useAgentLive();
  return (
    <>
      <AgentNav />
      <h1>Équipe et charge</h1>
      <p>
        Les dossiers ouverts de chaque agent de la direction (déposés, en instruction ou en attente du demandeur), et ceux dont l’échéance est
        dépassée. Pour réattribuer un dossier, ouvrez-le depuis la <Link to="/agent">liste des dossiers</Link>.
      </p>
      {team.isPending && <Loading />}
      {team.isError && <Notice kind="error">L’équipe n’a pas pu être chargée.</Notice>}
      {team.data && (
        <Table<TeamMember>
          caption="Charge des agents"
          rows={team.data}
          rowKey={(m) => m.id}
          columns={[
            { header: 'Agent', rowHeader: true, cell: (m) => personName(m) },
            { header: 'Fonction', cell: (m) => ROLE_LABELS[m.role] ?? m.role },
            { header: 'Direction', cell: (m) => m.directorateCode },
            { header: 'Dossiers ouverts', cell: (m) => m.openFiles },
            { header: 'Dont en retard', cell: (m) => (m.overdueFiles > 0 ? <span className="badge badge--danger">{m.overdueFiles}</span> : 0) },
          ]}
        />
      )}
    </>
  );
}

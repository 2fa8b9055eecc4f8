import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useBusiness } from '../api/businesses';
import { FilesSection } from '../components/FilesSection';
import { HistorySection } from '../components/HistorySection';
import { InviteForm } from '../components/InviteForm';
import { PendingInvitations } from '../components/PendingInvitations';
import { JobOffersSection } from '../components/JobOffersSection';
import { formatRidet, REGISTRY_STATUS, ROLE_LABELS, scopeLabel, text } from '../components/labels';
import { MemberStatusBadge } from '../components/MemberStatusBadge';
import { MembersSection } from '../components/MembersSection';
import '../components/businesses.css';

/** The business space: identity, my mandate, members and invitations, files, offers, history. */
export function BusinessPage() {
  const { id = '' } = useParams();
  const business = useBusiness(id);
  const name = business.data ? (text(business.data.legalName) ?? `Entreprise ${formatRidet(business.data.ridet)}`) : null;
  usePageTitle(business.isError ? 'Entreprise introuvable' : (name ?? 'Espace entreprise'));

  if (business.isPending) return <Loading />;
  if (business.isError)
    return (
      <>
        <h1>Entreprise introuvable</h1>
        <p>Cette entreprise n’existe pas, ou votre compte n’a pas de mandat en cours pour elle.</p>
        <p>
          <Link to="/entreprises">Retour à mes entreprises</Link>
        </p>
      </>
    );

  const b = business.data;
  const mandate = b.myMandate;
  const address = [text(b.street), [text(b.postcode), text(b.commune)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/entreprises">Mes entreprises</Link>
      </p>
      <h1>{name}</h1>
      <p>
        <Link to={`/demarches?pour=business&entreprise=${encodeURIComponent(b.id)}`} className="btn btn--primary">
          Déposer une demande pour cette entreprise
        </Link>
      </p>

      <section aria-labelledby="identity-title">
        <h2 id="identity-title">Identité</h2>
        <dl className="summary-list">
          <dt>Raison sociale</dt>
          <dd>{text(b.legalName) ?? 'En attente de la réponse du registre'}</dd>
          <dt>RIDET</dt>
          <dd>{formatRidet(b.ridet)}</dd>
          {text(b.legalForm) && (
            <>
              <dt>Forme juridique</dt>
              <dd>{text(b.legalForm)}</dd>
            </>
          )}
          {text(b.activityLabel) && (
            <>
              <dt>Activité</dt>
              <dd>
                {text(b.activityLabel)}
                {text(b.nafCode) && ` (${text(b.nafCode)})`}
              </dd>
            </>
          )}
          {address && (
            <>
              <dt>Adresse</dt>
              <dd>{address}</dd>
            </>
          )}
          <dt>Situation au registre</dt>
          <dd>
            {REGISTRY_STATUS[b.registryStatus]}
            {text(b.registryCheckedAt) && <span className="business-card__meta"> (vérifiée le {formatDate(text(b.registryCheckedAt)!)})</span>}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="mandate-title">
        <h2 id="mandate-title">Mon mandat</h2>
        <dl className="summary-list">
          <dt>Rôle</dt>
          <dd>{ROLE_LABELS[mandate.role]}</dd>
          <dt>Périmètre</dt>
          <dd>{scopeLabel(mandate.scopeDirectorates, mandate.scopeServices)}</dd>
          <dt>État</dt>
          <dd>
            <MemberStatusBadge status={mandate.status} />
            {text(mandate.verifiedAt) && <span className="business-card__meta"> depuis le {formatDate(text(mandate.verifiedAt)!)}</span>}
          </dd>
          {text(mandate.expiresAt) && (
            <>
              <dt>Fin du mandat</dt>
              <dd>{formatDate(text(mandate.expiresAt)!)}</dd>
            </>
          )}
        </dl>
        {b.registryStatus === 'struck_off' && (
          <Notice kind="warning" title="Entreprise radiée du registre">
            <p>Elle ne peut plus déposer de nouvelle demande.</p>
          </Notice>
        )}
      </section>

      <MembersSection businessId={b.id} canManage={mandate.canManageMembers} myMembershipId={mandate.membershipId} />
      {mandate.canManageMembers && <PendingInvitations businessId={b.id} />}
      {mandate.canManageMembers && <InviteForm businessId={b.id} />}
      <FilesSection businessId={b.id} />
      <JobOffersSection businessId={b.id} />
      {mandate.canManageMembers && <HistorySection businessId={b.id} />}
    </>
  );
}

import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { usePageTitle } from '../../../lib/page-title';
import { useMyBusinesses, useMyLinkFiles, type BusinessFile, type MyBusiness } from '../api/businesses';
import { ROLE_LABELS, scopeLabel, text } from '../components/labels';
import { MemberStatusBadge } from '../components/MemberStatusBadge';
import '../components/businesses.css';

function BusinessCard({ mandate, linkFile }: { mandate: MyBusiness; linkFile?: BusinessFile }) {
  const name = text(mandate.business.legalName) ?? `Entreprise ${mandate.business.ridetDisplay}`;
  return (
    <li className="business-card">
      <h3 className="business-card__title">{mandate.status === 'verified' ? <Link to={`/entreprises/${mandate.business.id}`}>{name}</Link> : name}</h3>
      <p className="business-card__meta">
        RIDET {mandate.business.ridetDisplay}
        {text(mandate.business.commune) && ` — ${text(mandate.business.commune)}`}
      </p>
      <p className="business-card__meta">
        {ROLE_LABELS[mandate.role]} — {scopeLabel(mandate.scopeDirectorates, mandate.scopeServices)}
      </p>
      <MemberStatusBadge status={mandate.status} />
      {mandate.status === 'pending' &&
        (linkFile?.status === 'draft' ? (
          <p>
            Votre dossier n’est pas encore déposé. <Link to={`/entreprises/rattachements/${linkFile.id}`}>Joindre le justificatif et déposer le dossier</Link>
          </p>
        ) : (
          <p>
            La DAJI vérifie votre lien avec l’entreprise. Vous recevrez un courriel dès sa décision.
            {linkFile && (
              <>
                {' '}
                <Link to={`/entreprises/rattachements/${linkFile.id}`}>Suivre le dossier de rattachement</Link>
              </>
            )}
          </p>
        ))}
    </li>
  );
}

export function MyBusinessesPage() {
  usePageTitle('Mes entreprises');
  const mine = useMyBusinesses();
  const verified = mine.data?.filter((m) => m.status === 'verified') ?? [];
  const pending = mine.data?.filter((m) => m.status === 'pending') ?? [];
  const linkFiles = useMyLinkFiles(pending.length > 0);
  const linkFileOf = (m: MyBusiness) => linkFiles.data?.find((f) => f.data.ridet === m.business.ridet);

  return (
    <>
      <h1>Mes entreprises</h1>
      <p>Agissez pour une entreprise ou une association dont vous êtes le représentant légal ou un membre mandaté.</p>
      <p>
        <Link to="/entreprises/rattacher" className="btn btn--primary">
          Rattacher une entreprise
        </Link>
      </p>
      {mine.isPending && <Loading />}
      {mine.isError && (
        <Notice kind="error" title="Vos entreprises ne peuvent pas être affichées">
          <p>Réessayez dans un instant.</p>
        </Notice>
      )}
      {mine.data && (
        <>
          <h2>Entreprises rattachées</h2>
          {verified.length === 0 ? (
            <p>Aucune entreprise n’est encore rattachée à votre compte.</p>
          ) : (
            <ul className="business-list">
              {verified.map((m) => (
                <BusinessCard key={m.membershipId} mandate={m} />
              ))}
            </ul>
          )}
          {pending.length > 0 && (
            <>
              <h2>Rattachements en attente</h2>
              <ul className="business-list">
                {pending.map((m) => (
                  <BusinessCard key={m.membershipId} mandate={m} linkFile={linkFileOf(m)} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}

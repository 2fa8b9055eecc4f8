import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useRegistryLookup, useRequestLink, type LinkRole, type RegistryEntry } from '../api/businesses';
import { LINK_ROLE_OPTIONS, text } from '../components/labels';
import '../components/businesses.css';

const UNKNOWN = 'Aucun établissement ne porte ce RIDET au registre du commerce. Vérifiez les 10 chiffres sur votre avis de situation au RIDET.';

/** The lookup's failure as form errors, by the API's code (never its text). */
function lookupErrors(error: unknown): { message: string; fields: Record<string, string> } {
  if (isApiError(error, 'BUSINESS_UNKNOWN')) return { message: UNKNOWN, fields: { ridet: UNKNOWN } };
  if (isApiError(error, 'VALIDATION_FAILED')) {
    const fields = { ridet: 'Saisissez un RIDET de 10 chiffres (ou un RID de 7 chiffres), par exemple 1 234 567 001.' };
    return { message: fields.ridet, fields };
  }
  if (isApiError(error) && error.status === 503) return { message: 'Le registre du commerce ne répond pas pour le moment. Réessayez dans quelques minutes.', fields: {} };
  return formErrors(error);
}

function linkErrors(error: unknown): { message: string; fields: Record<string, string> } {
  if (isApiError(error, 'LINK_EXISTS')) return { message: 'Votre compte est déjà rattaché à cette entreprise, ou un rattachement est en attente.', fields: {} };
  if (isApiError(error, 'BUSINESS_STRUCK_OFF')) return { message: 'Cette entreprise est radiée du registre : elle ne peut plus être rattachée.', fields: {} };
  if (isApiError(error, 'BUSINESS_UNKNOWN')) return { message: UNKNOWN, fields: {} };
  const errors = formErrors(error);
  if (errors.fields.role) errors.fields = { role: 'Indiquez à quel titre vous agissez pour l’entreprise.' };
  return errors;
}

function RegistryAnswer({ entry }: { entry: RegistryEntry }) {
  return (
    <dl className="summary-list" aria-label="Réponse du registre du commerce">
      <dt>Raison sociale</dt>
      <dd>{entry.legalName}</dd>
      <dt>RIDET</dt>
      <dd>{entry.ridetDisplay}</dd>
      <dt>Forme juridique</dt>
      <dd>{entry.legalForm}</dd>
      <dt>Activité</dt>
      <dd>{entry.activityLabel}</dd>
      <dt>Adresse</dt>
      <dd>
        {entry.address.street}, {entry.address.postcode} {entry.address.commune}
      </dd>
      <dt>Situation</dt>
      <dd>{entry.statusLabel}</dd>
    </dl>
  );
}

export function LinkBusinessPage() {
  const navigate = useNavigate();
  const [ridet, setRidet] = useState<string | null>(null);
  const [roleMissing, setRoleMissing] = useState(false);
  const lookup = useRegistryLookup(ridet);
  const link = useRequestLink();
  const entry = lookup.data;
  const lookupFailed = lookup.isError ? lookupErrors(lookup.error) : null;
  const linkFailed = link.isError ? linkErrors(link.error) : roleMissing ? { message: '', fields: { role: 'Indiquez à quel titre vous agissez pour l’entreprise.' } } : null;
  const errors = lookupFailed ?? linkFailed;
  usePageTitle(errors ? 'Erreur — Rattacher une entreprise' : entry ? `${entry.legalName} — Rattacher une entreprise` : 'Rattacher une entreprise');

  function onLookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    link.reset();
    setRoleMissing(false);
    const value = textOf(new FormData(event.currentTarget), 'ridet').replace(/[\s.]/g, '');
    setRidet(value);
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!entry) return;
    const role = textOf(new FormData(event.currentTarget), 'role') as LinkRole | '';
    if (!role) {
      link.reset();
      setRoleMissing(true);
      return;
    }
    setRoleMissing(false);
    link.mutate({ ridet: entry.ridet, role }, { onSuccess: (created) => void navigate(`/entreprises/rattachements/${created.requestId}`) });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/entreprises">Mes entreprises</Link>
      </p>
      <h1>Rattacher une entreprise</h1>
      {errors && <ErrorSummary message={errors.message || undefined} fields={errors.fields} />}
      <p>Le portail interroge le registre du commerce (RIDET). Vous vérifiez sa réponse avant de confirmer, puis vous joignez un justificatif de pouvoir que la DAJI contrôle.</p>
      <form className="form" onSubmit={onLookup} noValidate>
        <Field name="ridet" label="Numéro RIDET de l’établissement" hint="10 chiffres, espaces permis, par exemple 1 234 567 001." error={lookupFailed?.fields.ridet}>
          {(control) => <input {...control} className="input input--short" type="text" inputMode="numeric" autoComplete="off" required />}
        </Field>
        <Button type="submit" variant={entry ? 'secondary' : 'primary'} disabled={lookup.isFetching}>
          Rechercher au registre
        </Button>
      </form>

      {lookup.isFetching && <Loading label="Interrogation du registre…" />}

      {entry && !lookup.isFetching && (
        <section aria-labelledby="registry-title">
          <h2 id="registry-title">Ce que dit le registre</h2>
          <RegistryAnswer entry={entry} />
          {entry.matchedBy === 'rid' && (
            <Notice>
              <p>Vous avez saisi un RID seul : voici le siège de l’entreprise.</p>
            </Notice>
          )}
          {entry.status === 'struck_off' ? (
            <Notice kind="warning" title="Cette entreprise est radiée du registre" live>
              <p>
                Elle a été radiée{text(entry.struckOffAt) ? ` le ${formatDate(text(entry.struckOffAt)!)}` : ''} : elle ne peut plus être rattachée à un compte ni déposer de demande. Si
                c’est une erreur, adressez-vous à la CCI ou à l’ISEE, qui tiennent le registre.
              </p>
            </Notice>
          ) : (
            <form className="form" onSubmit={onConfirm} noValidate>
              <fieldset className="fieldset" aria-describedby={linkFailed?.fields.role ? 'champ-role-error' : undefined}>
                <legend>À quel titre agissez-vous pour cette entreprise ?</legend>
                {linkFailed?.fields.role && (
                  <p className="field__error" id="champ-role-error">
                    <span className="visually-hidden">Erreur : </span>
                    {linkFailed.fields.role}
                  </p>
                )}
                {LINK_ROLE_OPTIONS.map((option, i) => (
                  <div key={option.value}>
                    <label className="radio">
                      <input type="radio" name="role" value={option.value} id={i === 0 ? 'champ-role' : undefined} aria-describedby={`role-hint-${option.value}`} />
                      {option.label}
                    </label>
                    <p className="field__hint" id={`role-hint-${option.value}`}>
                      {option.hint}
                    </p>
                  </div>
                ))}
              </fieldset>
              <Button type="submit" disabled={link.isPending}>
                {link.isPending ? 'Rattachement…' : 'Confirmer le rattachement'}
              </Button>
            </form>
          )}
        </section>
      )}
    </>
  );
}

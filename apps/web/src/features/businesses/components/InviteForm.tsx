import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { useInvite, type Invitation, type NewInvitation } from '../api/businesses';
import type { DirectorateCode } from './labels';
import { ScopeCheckboxes } from './ScopeCheckboxes';

function inviteErrors(error: unknown) {
  const errors = formErrors(error);
  if (isApiError(error, 'VALIDATION_FAILED')) {
    if (errors.fields.email) errors.fields.email = 'Saisissez une adresse électronique valide, par exemple collegue@entreprise.nc.';
    if (errors.fields.role) errors.fields.role = 'Choisissez le rôle de la personne invitée.';
  }
  return errors;
}

/** Invites a colleague by email with a role and a scope (managers only). */
export function InviteForm({ businessId }: { businessId: string }) {
  const invite = useInvite(businessId);
  const [sent, setSent] = useState<Invitation | null>(null);
  const [formKey, setFormKey] = useState(0);
  const errors = invite.isError ? inviteErrors(invite.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    const form = new FormData(event.currentTarget);
    const directorates = form.getAll('scopeDirectorates').filter((v): v is string => typeof v === 'string') as DirectorateCode[];
    const body: NewInvitation = {
      email: textOf(form, 'email').trim(),
      role: (textOf(form, 'role') || 'member') as NewInvitation['role'],
      scopeDirectorates: directorates.length > 0 ? directorates : null,
    };
    invite.mutate(body, {
      onSuccess: (invitation) => {
        setSent(invitation);
        setFormKey((k) => k + 1);
      },
    });
  }

  return (
    <section className="section" aria-labelledby="invite-title">
      <h2 id="invite-title">Inviter une personne</h2>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      {sent && (
        <Notice kind="success" live title="Invitation envoyée">
          <p>
            {sent.email} a reçu un lien valable jusqu’au {formatDate(sent.validUntil)}. Il sera membre dès qu’il l’aura accepté.
          </p>
        </Notice>
      )}
      <form className="form" onSubmit={onSubmit} noValidate key={formKey}>
        <Field name="email" label="Adresse électronique de la personne" error={errors?.fields.email}>
          {(control) => <input {...control} className="input" type="email" autoComplete="off" required />}
        </Field>
        <fieldset className="fieldset">
          <legend>Rôle</legend>
          <div className="radios">
            <label className="radio">
              <input type="radio" name="role" value="member" defaultChecked />
              Membre : dépose et suit les demandes
            </label>
            <label className="radio">
              <input type="radio" name="role" value="admin" />
              Administrateur : gère aussi les membres
            </label>
          </div>
        </fieldset>
        <ScopeCheckboxes name="scopeDirectorates" legend="Directions couvertes par le mandat" />
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? 'Envoi…' : 'Envoyer l’invitation'}
        </Button>
      </form>
    </section>
  );
}

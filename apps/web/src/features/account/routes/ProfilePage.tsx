import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { optionalTextOf, textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useSession, type Profile } from '../../../lib/session';
import { formatNcPhone, PROVINCE_SUD_COMMUNES } from '../../../lib/territory';
import { useUpdateProfile, type ProfileChanges } from '../api/account';
import { AccountNav } from '../components/AccountNav';

function changesFrom(form: FormData): ProfileChanges {
  return {
    civility: optionalTextOf(form, 'civility') as ProfileChanges['civility'],
    firstName: textOf(form, 'firstName').trim(),
    lastName: textOf(form, 'lastName').trim(),
    birthDate: optionalTextOf(form, 'birthDate'),
    phone: optionalTextOf(form, 'phone'),
    addressLine1: optionalTextOf(form, 'addressLine1'),
    addressLine2: optionalTextOf(form, 'addressLine2'),
    postcode: optionalTextOf(form, 'postcode'),
    commune: optionalTextOf(form, 'commune') as ProfileChanges['commune'],
  };
}

export function ProfilePage() {
  const session = useSession();
  const profile = session.data as Profile;
  const update = useUpdateProfile();
  const [params] = useSearchParams();
  const [saved, setSaved] = useState(false);
  usePageTitle(update.isError ? 'Erreur — Mon profil' : 'Mon profil');
  const errors = update.isError ? formErrors(update.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    update.mutate(changesFrom(new FormData(event.currentTarget)), { onSuccess: () => setSaved(true) });
  }

  return (
    <>
      <h1>Mon profil</h1>
      <AccountNav />
      {params.get('bienvenue') && (
        <Notice kind="success" live title={`Bienvenue, ${profile.firstName} !`}>
          <p>Votre adresse est confirmée et vous êtes connecté. Complétez votre profil : il ne vous sera plus demandé dans vos démarches.</p>
        </Notice>
      )}
      {saved && (
        <Notice kind="success" live>
          <p>Vos informations sont enregistrées.</p>
        </Notice>
      )}
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <p>
        Adresse électronique : <strong>{profile.email}</strong>
      </p>
      <form className="form" onSubmit={onSubmit} noValidate key={profile.id}>
        <fieldset className="fieldset">
          <legend>Civilité</legend>
          <div className="radios">
            {(['Mme', 'M'] as const).map((value) => (
              <label key={value} className="radio">
                <input type="radio" name="civility" value={value} defaultChecked={profile.civility === value} />
                {value === 'M' ? 'Monsieur' : 'Madame'}
              </label>
            ))}
          </div>
        </fieldset>
        <Field name="firstName" label="Prénom" error={errors?.fields.firstName}>
          {(control) => <input {...control} className="input" type="text" autoComplete="given-name" defaultValue={profile.firstName} required />}
        </Field>
        <Field name="lastName" label="Nom" error={errors?.fields.lastName}>
          {(control) => <input {...control} className="input" type="text" autoComplete="family-name" defaultValue={profile.lastName} required />}
        </Field>
        <Field name="birthDate" label="Date de naissance" error={errors?.fields.birthDate}>
          {(control) => <input {...control} className="input input--short" type="date" autoComplete="bday" defaultValue={profile.birthDate ?? ''} />}
        </Field>
        <Field name="phone" label="Téléphone" hint="Un numéro calédonien : 6 chiffres, par exemple 25.12.34 ou +687 25.12.34." error={errors?.fields.phone}>
          {(control) => <input {...control} className="input input--short" type="tel" autoComplete="tel" inputMode="tel" defaultValue={formatNcPhone(profile.phone)} />}
        </Field>
        <Field name="addressLine1" label="Adresse" hint="Numéro et rue, lotissement ou lieu-dit." error={errors?.fields.addressLine1}>
          {(control) => <input {...control} className="input" type="text" autoComplete="address-line1" defaultValue={profile.addressLine1 ?? ''} />}
        </Field>
        <Field name="addressLine2" label="Complément d’adresse (facultatif)" hint="Boîte postale, bâtiment, appartement." error={errors?.fields.addressLine2}>
          {(control) => <input {...control} className="input" type="text" autoComplete="address-line2" defaultValue={profile.addressLine2 ?? ''} />}
        </Field>
        <Field name="postcode" label="Code postal" hint="5 chiffres commençant par 988, par exemple 98800." error={errors?.fields.postcode}>
          {(control) => (
            <input {...control} className="input input--short" type="text" inputMode="numeric" autoComplete="postal-code" pattern="988[0-9]{2}" maxLength={5} defaultValue={profile.postcode ?? ''} />
          )}
        </Field>
        <Field name="commune" label="Commune" error={errors?.fields.commune}>
          {(control) => (
            <select {...control} className="select" defaultValue={profile.commune ?? ''}>
              <option value="">Choisir une commune</option>
              {PROVINCE_SUD_COMMUNES.map((commune) => (
                <option key={commune} value={commune}>
                  {commune}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
        </Button>
      </form>
    </>
  );
}

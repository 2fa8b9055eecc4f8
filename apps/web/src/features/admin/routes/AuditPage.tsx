import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { type AuditChainCheck, useVerifyAuditChain } from '../api/admin';

const BREACHES: Record<NonNullable<AuditChainCheck['breach']>, string> = {
  link: 'elle ne désigne pas l’empreinte de l’entrée précédente : une entrée a été supprimée, insérée ou déplacée.',
  content: 'son empreinte ne correspond plus à son contenu : l’entrée a été modifiée.',
  anchor_changed: 'son empreinte diffère de l’ancre relevée auparavant : la chaîne a été réécrite.',
  anchor_missing: 'l’entrée de l’ancre a disparu : la chaîne a été coupée ou réécrite.',
};

export function AuditPage() {
  usePageTitle('Journal d’audit — Administration');
  const [anchor, setAnchor] = useState('');
  const verify = useVerifyAuditChain();
  const errors = verify.isError ? formErrors(verify.error) : null;
  const result = verify.data;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await verify.mutateAsync(anchor.trim() || undefined).catch(() => undefined);
  }

  return (
    <>
      <h1>Journal d’audit</h1>
      <p>
        Chaque action sensible est inscrite au journal, et chaque entrée porte l’empreinte de la précédente. La vérification relit toute la chaîne : une entrée modifiée, supprimée ou
        insérée la rompt. Pour détecter aussi une réécriture complète, conservez hors du portail l’ancre donnée par une vérification et indiquez-la la fois suivante.
      </p>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field name="anchor" label="Ancre d’une vérification précédente (facultatif)" hint="De la forme 1234:9f86d0…, telle que donnée par une vérification." error={errors?.fields.anchor}>
          {(control) => <input {...control} className="input" spellCheck={false} autoComplete="off" value={anchor} onChange={(e) => setAnchor(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={verify.isPending}>
          {verify.isPending ? 'Vérification…' : 'Vérifier la chaîne'}
        </Button>
      </form>
      <div aria-live="polite">
        {result?.ok && (
          <Notice kind="success" title="La chaîne est intacte">
            <p>
              {result.count.toLocaleString('fr-FR')} entrée{result.count > 1 ? 's' : ''} vérifiée{result.count > 1 ? 's' : ''} le {formatDateTime(result.checkedAt)}.
            </p>
            {result.head && (
              <p>
                Ancre à conserver : <code className="admin-secret">{result.head}</code>
              </p>
            )}
          </Notice>
        )}
        {result && !result.ok && (
          <Notice kind="error" title="La chaîne est rompue">
            <p>
              Entrée n° {result.brokenId} : {result.breach ? BREACHES[result.breach] : ''} Les {result.count.toLocaleString('fr-FR')} entrées qui la précèdent sont intactes.
            </p>
          </Notice>
        )}
      </div>
    </>
  );
}

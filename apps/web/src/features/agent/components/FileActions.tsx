import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { statusLabel } from '../../../components/StatusBadge';
import { formErrors, isApiError } from '../../../lib/api/errors';
import type { Profile } from '../../../lib/session';
import { type AgentFile, type TeamMember, type Transition, useAssign, useTransition } from '../api/agent';
import { assigneeLabel, formatXpf, personName } from './labels';

type Decision = 'request_info' | 'approve' | 'reject' | 'close';
const DECISIONS: Array<{ action: Decision; label: string; submit: string }> = [
  { action: 'request_info', label: 'Demander des compléments au demandeur', submit: 'Envoyer la demande de compléments' },
  { action: 'approve', label: 'Accepter la demande', submit: 'Accepter la demande' },
  { action: 'reject', label: 'Refuser la demande', submit: 'Refuser la demande' },
  { action: 'close', label: 'Classer sans suite', submit: 'Classer sans suite' },
];

/** What the agent typed: kept across a refresh of the file, a failed call or a conflict. */
interface Drafts {
  decision: Decision | '';
  message: string;
  reason: string;
  amount: string;
  assigneeId: string;
}

/**
 * The file's actions, as its `allowedActions` say, each sent with the version read. When someone
 * changed the file first (409), the agent is told what changed and keeps what they typed.
 */
export function FileActions({ view, team, me }: { view: AgentFile; team: TeamMember[]; me: Profile | null | undefined }) {
  const r = view.request;
  const [drafts, setDrafts] = useState<Drafts>({ decision: '', message: '', reason: '', amount: r.requestedAmountXpf?.toString() ?? '', assigneeId: '' });
  // The file as it was when the agent began typing, or sent a change: if it moves under them, they are told.
  const [basis, setBasis] = useState<AgentFile | null>(null);
  const [done, setDone] = useState('');
  const assign = useAssign(r.id);
  const transition = useTransition(r.id);
  const set = (patch: Partial<Drafts>) => {
    setDrafts((d) => ({ ...d, ...patch }));
    setBasis((b) => b ?? view);
  };

  /** Runs a change against the version on screen; a conflict keeps the drafts and shows what moved. */
  function run<T>(mutation: { mutate: (input: T, options: object) => void }, input: T, success: string, clear: Partial<Drafts> = {}) {
    setDone('');
    setBasis((b) => b ?? view);
    mutation.mutate(input, {
      onSuccess: () => {
        setDone(success);
        setDrafts((d) => ({ ...d, ...clear }));
        setBasis(null);
      },
    });
  }

  const open = ['submitted', 'in_review', 'awaiting_applicant'].includes(r.status);
  const supervisor = me?.role === 'supervisor' || me?.role === 'admin';
  const colleagues = team.filter((m) => m.directorateCode === r.directorateCode && m.id !== r.assigneeId);
  const allowed = new Set<string>(r.allowedActions);
  const offered = DECISIONS.filter((d) => allowed.has(d.action) || drafts.decision === d.action);
  const chosen = DECISIONS.find((d) => d.action === drafts.decision);
  const aid = view.service.requestedAmountField !== null;
  // A 409 is reported as what changed, not as an error.
  const conflicted = [assign, transition].some((m) => m.isError && isApiError(m.error) && m.error.status === 409);
  const failure = [assign, transition].find((m) => m.isError && !(isApiError(m.error) && m.error.status === 409))?.error ?? null;
  const errors = failure ? formErrors(failure) : null;

  function decide(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    const body: Transition = { action: chosen.action, expectedVersion: r.version };
    if (chosen.action === 'request_info') body.message = drafts.message;
    if (chosen.action === 'reject' || chosen.action === 'close') body.reason = drafts.reason;
    // Spaces are how amounts are written here (1 500 000); anything else is left for the API to refuse.
    const amount = drafts.amount.replace(/[\s\u202f\u00a0]/g, '');
    if (chosen.action === 'approve' && aid && amount !== '') body.grantedAmountXpf = Number(amount);
    run(transition, body, `Fait : ${chosen.label.toLowerCase()}.`, { decision: '', message: '', reason: '' });
  }

  return (
    <section aria-labelledby="actions-titre">
      <h2 id="actions-titre">Instruire le dossier</h2>
      {basis && (basis.request.version !== r.version || conflicted) && <ConflictNotice before={basis} after={view} team={team} me={me?.id} />}
      {done && (
        <Notice kind="success" live>
          {done}
        </Notice>
      )}
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}

      {open && (
        <div className="actions">
          {r.assigneeId !== me?.id && (
            <Button variant="secondary" disabled={assign.isPending} onClick={() => run(assign, { expectedVersion: r.version }, 'Le dossier vous est attribué.')}>
              Prendre le dossier
            </Button>
          )}
          {allowed.has('start_review') && (
            <Button disabled={transition.isPending} onClick={() => run(transition, { action: 'start_review', expectedVersion: r.version }, 'L’instruction commence.')}>
              Commencer l’instruction
            </Button>
          )}
        </div>
      )}

      {open && supervisor && colleagues.length > 0 && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (drafts.assigneeId) run(assign, { assigneeId: drafts.assigneeId, expectedVersion: r.version }, 'Le dossier est réattribué.', { assigneeId: '' });
          }}
        >
          <Field name="assigneeId" label="Attribuer à un agent de la direction" hint={`Actuellement : ${assigneeLabel(r.assigneeId, me?.id, team)}. Entre parenthèses, les dossiers ouverts de chacun.`}>
            {(control) => (
              <select {...control} className="select" value={drafts.assigneeId} onChange={(e) => set({ assigneeId: e.target.value })}>
                <option value="">Choisir…</option>
                {colleagues.map((m) => (
                  <option key={m.id} value={m.id}>
                    {personName(m)} ({m.openFiles} dossier{m.openFiles > 1 ? 's' : ''})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" variant="secondary" disabled={assign.isPending || !drafts.assigneeId}>
            Attribuer
          </Button>
        </form>
      )}

      {offered.length > 0 && (
        <form className="form" onSubmit={decide} noValidate>
          <fieldset className="fieldset">
            <legend>Décision</legend>
            <div className="radios radios--stacked">
              {offered.map((d) => (
                <label key={d.action} className="radio">
                  <input type="radio" name="decision" value={d.action} checked={drafts.decision === d.action} onChange={() => set({ decision: d.action })} />
                  {d.label}
                </label>
              ))}
            </div>
          </fieldset>
          {chosen && !allowed.has(chosen.action) && (
            <Notice kind="warning">Cette action n’est plus possible dans l’état actuel du dossier. Votre texte est conservé ci-dessous.</Notice>
          )}
          {drafts.decision === 'request_info' && (
            <Field name="message" label="Message au demandeur" hint="Dites précisément ce qui manque ; le délai est suspendu jusqu’à sa réponse." error={errors?.fields.message}>
              {(control) => <textarea {...control} className="input textarea" rows={4} value={drafts.message} onChange={(e) => set({ message: e.target.value })} />}
            </Field>
          )}
          {drafts.decision === 'approve' && aid && (
            <Field
              name="grantedAmountXpf"
              label="Montant accordé (F CFP)"
              hint={`Montant demandé : ${formatXpf(r.requestedAmountXpf)}. En francs CFP, sans décimales.`}
              error={errors?.fields.grantedAmountXpf}
            >
              {(control) => <input {...control} className="input input--short" inputMode="numeric" value={drafts.amount} onChange={(e) => set({ amount: e.target.value })} />}
            </Field>
          )}
          {(drafts.decision === 'reject' || drafts.decision === 'close') && (
            <Field name="reason" label="Motif" hint="Communiqué au demandeur avec la décision." error={errors?.fields.reason}>
              {(control) => <textarea {...control} className="input textarea" rows={4} value={drafts.reason} onChange={(e) => set({ reason: e.target.value })} />}
            </Field>
          )}
          {chosen && (
            <Button type="submit" variant={chosen.action === 'approve' || chosen.action === 'request_info' ? 'primary' : 'danger'} disabled={transition.isPending || !allowed.has(chosen.action)}>
              {chosen.submit}
            </Button>
          )}
        </form>
      )}
    </section>
  );
}

/** What someone else changed between the version the agent acted on and the one now on screen. */
function ConflictNotice({ before, after, team, me }: { before: AgentFile; after: AgentFile; team: TeamMember[]; me: string | undefined }) {
  const lastSeen = before.events.reduce((max, e) => Math.max(max, Number(e.id)), 0);
  const changes: string[] = [];
  if (before.request.status !== after.request.status) changes.push(`Statut : « ${statusLabel(before.request.status)} » devenu « ${statusLabel(after.request.status)} ».`);
  if (before.request.assigneeId !== after.request.assigneeId) {
    changes.push(`Attribution : ${assigneeLabel(before.request.assigneeId, me, team)} → ${assigneeLabel(after.request.assigneeId, me, team)}.`);
  }
  for (const e of after.events) if (Number(e.id) > lastSeen && !['status_changed', 'assigned'].includes(e.type)) changes.push(`${e.label}.`);
  const pending = after.request.version === before.request.version;
  return (
    <Notice kind="warning" live title="Le dossier a été modifié entre-temps">
      {pending ? (
        <p>Quelqu’un d’autre vient de le modifier ; la nouvelle version se charge…</p>
      ) : (
        <ul className="conflict-list">{changes.length > 0 ? changes.map((c) => <li key={c}>{c}</li>) : <li>Des informations du dossier ont changé.</li>}</ul>
      )}
      <p>Rien n’a été enregistré de votre côté. Ce que vous aviez saisi est conservé : vérifiez le dossier, puis renvoyez si c’est toujours d’actualité.</p>
    </Notice>
  );
}

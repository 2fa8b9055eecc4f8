import type { Account } from '@portal/accounts';
import { Business } from '@portal/businesses';
import { describeDeadline, describeDuration, formatXpf, q, ServiceVersion, toNoumeaLocalDate } from '@portal/catalogue';
import { assertNever, Ridet } from '@portal/common';
import type { LetterContent } from './letter-pdf';
import type { SealFacts } from './seal';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const NOUMEA_OFFSET_MS = 11 * 3600 * 1000;

/** `3 décembre 2026` (the Nouméa day; `1er` for the first, as French writes it). */
export function longNoumeaDate(instant: Date): string {
  const d = toNoumeaLocalDate(instant);
  return `${d.day === 1 ? '1er' : d.day}\u00a0${MONTHS[d.month - 1]}\u00a0${d.year}`;
}

/** `14 h 05`, Nouméa time (UTC+11, no daylight saving). */
export function noumeaTime(instant: Date): string {
  const local = new Date(instant.getTime() + NOUMEA_OFFSET_MS);
  return `${local.getUTCHours()}\u00a0h\u00a0${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** `2026-12-03`: the Nouméa day, as the seal states it. */
export function isoNoumeaDate(instant: Date): string {
  const d = toNoumeaLocalDate(instant);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

// The rule the applicant must be told (Conseil d'État, 5 February 2014, n° 358810).
export const SILENCE_RULE_FR =
  'En Nouvelle-Calédonie, pour les affaires relevant de la compétence de la province, le silence gardé par l’administration pendant deux mois vaut décision implicite de rejet (Conseil d’État, 5\u00a0février 2014, n°\u00a0358810).';

const APPEAL_FR =
  'Cette décision peut faire l’objet d’un recours gracieux auprès du président de l’assemblée de la province Sud, ou d’un recours contentieux devant le tribunal administratif de Nouvelle-Calédonie, dans un délai de deux mois à compter de sa notification.';

export const OUTCOME_LABELS_FR: Record<SealFacts['outcome'], string> = {
  submitted: 'Demande déposée',
  approved: 'Demande acceptée',
  rejected: 'Demande rejetée',
  closed: 'Demande classée sans suite',
  implicit_rejection: 'Rejet implicite (silence de l’administration)',
  implicit_approval: 'Acceptation implicite (silence de l’administration)',
};

export const DOCUMENT_LABELS_FR: Record<SealFacts['document'], string> = {
  receipt: 'Récépissé de dépôt',
  decision: 'Notification de décision',
};

export interface LetterInput {
  facts: SealFacts;
  reference: string;
  service: ServiceVersion;
  directorateName: string;
  /** The person who filed (for a business: the mandated person). */
  applicant: Pick<Account, 'civility' | 'firstName' | 'lastName' | 'postcode' | 'commune'>;
  business: Pick<Business, 'legalName' | 'ridet' | 'commune' | 'postcode'> | null;
  submittedAt: Date;
  dueAt: Date | null;
  /** When the event the letter tells about happened. */
  at: Date;
  reason: string | null;
  seal: { url: string; code: string; keyId: string; verifyAt: string };
}

/** The French text of a receipt or a decision letter; the layout is `renderLetter`'s. */
export function letterContent(input: LetterInput): LetterContent {
  const { facts, service } = input;
  const serviceLine = `${service.title} (${service.code})`;
  const rows: Array<[string, string]> = [
    ['Référence du dossier', input.reference],
    ['Démarche', serviceLine],
    ['Service instructeur', input.directorateName],
    ['Déposée le', `${longNoumeaDate(input.submittedAt)} à ${noumeaTime(input.submittedAt)} (heure de Nouméa)`],
  ];
  const paragraphs: string[] = [];
  const greeting = input.business ? 'Madame, Monsieur,' : input.applicant.civility === 'M' ? 'Monsieur,' : input.applicant.civility === 'Mme' ? 'Madame,' : 'Madame, Monsieur,';
  paragraphs.push(greeting);
  const yourFile = input.business ? `la demande déposée au nom de ${input.business.legalName ?? 'l’entreprise'}` : 'votre demande';

  if (facts.document === 'receipt') {
    if (input.dueAt) rows.push(['Date limite de décision', longNoumeaDate(input.dueAt)]);
    paragraphs.push(`La province Sud accuse réception de ${yourFile} ${q(service.title)}, enregistrée sous la référence ${input.reference}. Rappelez cette référence dans tous vos échanges.`);
    paragraphs.push(`§ Délai de décision`);
    paragraphs.push(describeDeadline(service.deadlineRule));
    if (service.deadlineRule.outcome === 'implicit_rejection') {
      paragraphs.push(`${SILENCE_RULE_FR} ${input.dueAt ? `Sans décision expresse au ${longNoumeaDate(input.dueAt)}, la demande sera donc réputée rejetée.` : ''}`.trim());
    }
    paragraphs.push('Si des compléments vous sont demandés, vous en serez informé par courriel et dans votre espace. Ce récépissé ne préjuge pas de la décision qui sera prise.');
  } else {
    rows.push(['Décision', OUTCOME_LABELS_FR[facts.outcome]]);
    rows.push(['Date de la décision', longNoumeaDate(input.at)]);
    if (facts.amountXpf !== undefined) rows.push(['Montant accordé', formatXpf(facts.amountXpf)]);
    paragraphs.push(...decisionParagraphs(input, yourFile));
    paragraphs.push('§ Voies et délais de recours');
    paragraphs.push(APPEAL_FR);
  }

  return {
    title: DOCUMENT_LABELS_FR[facts.document].toUpperCase(),
    directorate: input.directorateName,
    placeAndDate: `Nouméa, le ${longNoumeaDate(input.at)}`,
    addressee: addresseeLines(input),
    facts: rows,
    paragraphs,
    seal: input.seal,
    metadata: { title: `${DOCUMENT_LABELS_FR[facts.document]} — ${input.reference}`, subject: serviceLine, date: input.at },
  };
}

function decisionParagraphs(input: LetterInput, yourFile: string): string[] {
  const { facts, service } = input;
  const decidedOn = longNoumeaDate(input.at);
  const reason = input.reason ? [`Motif : ${input.reason}`] : [];
  const deposited = `${yourFile.charAt(0).toUpperCase()}${yourFile.slice(1)} ${q(service.title)}, déposée le ${longNoumeaDate(input.submittedAt)}`;
  switch (facts.outcome) {
    case 'approved':
      return [
        `${deposited}, a été acceptée le ${decidedOn}.`,
        ...(facts.amountXpf !== undefined ? [`Le montant de l’aide accordée est de ${formatXpf(facts.amountXpf)}. Les modalités de versement vous seront précisées par le service instructeur.`] : []),
        ...reason,
      ];
    case 'rejected':
      return [`${deposited}, a été rejetée le ${decidedOn}.`, ...reason];
    case 'closed':
      return [`${deposited}, a été classée sans suite le ${decidedOn}.`, ...reason];
    case 'implicit_rejection': {
      const rule = service.deadlineRule;
      const within = rule.outcome === 'none' ? '' : ` de ${describeDuration(rule.duration.unit, rule.duration.value)}`;
      return [
        `${deposited}, n’a pas fait l’objet d’une décision expresse dans le délai${within} qui expirait le ${longNoumeaDate(input.dueAt ?? input.at)}.`,
        `${SILENCE_RULE_FR} La demande est donc réputée rejetée depuis cette date. La présente lettre constate cette décision implicite de rejet.`,
      ];
    }
    case 'implicit_approval':
      return [
        `${deposited}, n’a pas fait l’objet d’une décision expresse dans le délai prévu, qui expirait le ${longNoumeaDate(input.dueAt ?? input.at)}.`,
        'Pour cette démarche, le silence de l’administration vaut acceptation : la demande est réputée acceptée depuis cette date.',
      ];
    case 'submitted':
      return [];
    default:
      return assertNever(facts.outcome);
  }
}

function addresseeLines(input: LetterInput): string[] {
  const { applicant, business } = input;
  const person = [applicant.civility === 'M' ? 'M.' : applicant.civility, applicant.firstName, applicant.lastName.toUpperCase()].filter(Boolean).join(' ');
  const place = (postcode: string | null, commune: string | null) => [postcode, commune].filter(Boolean).join(' ');
  if (business) {
    const ridet = Ridet.tryParse(business.ridet)?.format() ?? business.ridet;
    return [business.legalName ?? 'Entreprise', `RIDET ${ridet}`, `Représentée par ${person}, mandataire`, place(business.postcode, business.commune)].filter(Boolean);
  }
  return [person, place(applicant.postcode, applicant.commune)].filter(Boolean);
}

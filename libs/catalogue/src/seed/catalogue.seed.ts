import { DataSource } from 'typeorm';
import { DEFAULT_DEADLINE_RULE, DeadlineRule } from '../deadline-calendar';
import type { FormField } from '../form-schema';
import { ServiceDefinition, validateServiceDefinition } from '../service-definition';
import { ServiceVersion } from '../service-version.entity';

// The services the portal opens with, one version 1 each. Admins publish later versions through the
// API; the seed never overwrites them.

const rejectedAfter = (unit: DeadlineRule['duration']['unit'], value: number): DeadlineRule => ({
  outcome: 'implicit_rejection',
  duration: { unit, value },
  suspendedWhileAwaitingApplicant: true,
});

const ridetField: FormField = {
  key: 'ridet',
  type: 'ridet',
  label: "Numéro RIDET de l'établissement",
  required: true,
  help: 'Sept chiffres (RID) suivis du rang de l’établissement, par exemple 0 122 531 001.',
};

export const SEEDED_SERVICES: ReadonlyArray<ServiceDefinition & { code: string }> = [
  {
    code: 'DEL-OFFRE-EMPLOI',
    directorateCode: 'DEL',
    title: "Dépôt d'une offre d'emploi",
    description:
      "Publiez une offre d'emploi sur le site de la province Sud. Les conseillers emploi de la DEL la relisent, la diffusent et peuvent vous proposer des candidats.",
    applicantKinds: ['business'],
    formSchema: {
      version: 1,
      fields: [
        { key: 'intitule_poste', type: 'text', label: 'Intitulé du poste', required: true, minLength: 3, maxLength: 150 },
        {
          key: 'type_contrat',
          type: 'choice',
          label: 'Type de contrat',
          required: true,
          options: [
            { value: 'cdi', label: 'CDI' },
            { value: 'cdd', label: 'CDD' },
            { value: 'interim', label: 'Intérim' },
            { value: 'apprentissage', label: 'Apprentissage' },
          ],
        },
        { key: 'commune_poste', type: 'commune', label: 'Commune du poste', required: true },
        { key: 'description_poste', type: 'long_text', label: 'Description du poste et profil recherché', required: true, minLength: 50, maxLength: 5_000 },
        {
          key: 'salaire_mensuel_brut',
          type: 'amount_xpf',
          label: 'Salaire mensuel brut (XPF)',
          required: false,
          min: 0,
          help: 'Laissez vide si le salaire dépend du profil.',
        },
        { key: 'date_prise_poste', type: 'date', label: 'Date de prise de poste', required: true },
        { key: 'email_contact', type: 'email', label: 'Adresse électronique pour les candidatures', required: true },
      ],
    },
    requiredDocuments: [{ type: 'fiche_poste', label: 'Fiche de poste détaillée', required: false }],
    deadlineRule: rejectedAfter('working_days', 15),
    open: true,
  },
  {
    code: 'DEL-AIDE-LOGEMENT',
    directorateCode: 'DEL',
    title: 'Aide au logement',
    description:
      "Demandez une aide de la province Sud pour payer le loyer de votre résidence principale. Le montant dépend du loyer, des ressources et de la composition du foyer.",
    applicantKinds: ['person'],
    formSchema: {
      version: 1,
      fields: [
        { key: 'loyer_mensuel', type: 'amount_xpf', label: 'Loyer mensuel hors charges (XPF)', required: true, min: 1, max: 1_000_000 },
        { key: 'commune_logement', type: 'commune', label: 'Commune du logement', required: true },
        { key: 'composition_foyer', type: 'integer', label: 'Nombre de personnes composant le foyer', required: true, min: 1, max: 20 },
        { key: 'ressources_mensuelles', type: 'amount_xpf', label: 'Ressources mensuelles du foyer (XPF)', required: true, min: 0 },
        { key: 'telephone', type: 'phone_nc', label: 'Téléphone', required: true, help: 'Six chiffres, par exemple 25.12.34.' },
      ],
    },
    requiredDocuments: [
      { type: 'justificatif_domicile', label: 'Justificatif de domicile de moins de 3 mois', required: true },
      { type: 'avis_imposition', label: "Dernier avis d'imposition du foyer", required: true },
      { type: 'bail', label: 'Contrat de location (bail)', required: false },
    ],
    deadlineRule: DEFAULT_DEADLINE_RULE,
    open: true,
  },
  {
    code: 'DDET-CREATION-ENTREPRISE',
    directorateCode: 'DDET',
    title: "Aide à la création d'entreprise",
    description:
      "Subvention de la province Sud pour les entreprises de moins de deux ans qui créent de l'emploi en province Sud, dans la limite de 3 000 000 F CFP.",
    applicantKinds: ['business'],
    formSchema: {
      version: 1,
      fields: [
        ridetField,
        { key: 'montant_demande', type: 'amount_xpf', label: "Montant de l'aide demandée (XPF)", required: true, min: 100_000, max: 3_000_000, requestedAmount: true },
        { key: 'description_projet', type: 'long_text', label: 'Description du projet', required: true, minLength: 100, maxLength: 8_000 },
        { key: 'emplois_crees', type: 'integer', label: "Nombre d'emplois créés (équivalent temps plein)", required: true, min: 0, max: 500 },
        { key: 'commune_implantation', type: 'commune', label: "Commune d'implantation", required: true },
        { key: 'date_debut_activite', type: 'date', label: "Date de début d'activité", required: true },
      ],
    },
    requiredDocuments: [
      { type: 'business_plan', label: 'Business plan (prévisionnel sur 3 ans)', required: true },
      { type: 'devis', label: 'Devis des investissements', required: true },
      { type: 'rib', label: "Relevé d'identité bancaire de l'entreprise", required: true },
    ],
    deadlineRule: DEFAULT_DEADLINE_RULE,
    open: true,
  },
  {
    code: 'DDET-INVEST-TOURISME',
    directorateCode: 'DDET',
    title: "Aide à l'investissement touristique",
    description:
      "Aide de la province Sud à la création, l'extension ou la rénovation d'hébergements et d'équipements touristiques, dans la limite de 20 000 000 F CFP.",
    applicantKinds: ['business'],
    formSchema: {
      version: 1,
      fields: [
        ridetField,
        {
          key: 'type_hebergement',
          type: 'choice',
          label: "Type d'hébergement",
          required: true,
          options: [
            { value: 'hotel', label: 'Hôtel' },
            { value: 'gite', label: "Gîte ou chambre d'hôtes" },
            { value: 'camping', label: 'Camping' },
            { value: 'residence', label: 'Résidence de tourisme' },
            { value: 'autre', label: 'Autre équipement touristique' },
          ],
        },
        { key: 'commune_projet', type: 'commune', label: 'Commune du projet', required: true },
        { key: 'capacite_accueil', type: 'integer', label: "Capacité d'accueil (nombre de lits)", required: true, min: 1, max: 2_000 },
        { key: 'cout_total_projet', type: 'amount_xpf', label: 'Coût total du projet (XPF)', required: true, min: 1 },
        { key: 'montant_demande', type: 'amount_xpf', label: "Montant de l'aide demandée (XPF)", required: true, min: 500_000, max: 20_000_000, requestedAmount: true },
        { key: 'description_projet', type: 'long_text', label: 'Description du projet', required: true, minLength: 100, maxLength: 8_000 },
        { key: 'date_debut_travaux', type: 'date', label: 'Date prévue de début des travaux', required: true },
      ],
    },
    requiredDocuments: [
      { type: 'devis', label: 'Devis des travaux et équipements', required: true },
      { type: 'plan_financement', label: 'Plan de financement du projet', required: true },
      { type: 'business_plan', label: "Étude de marché ou business plan", required: true },
      { type: 'permis_construire', label: 'Permis de construire ou récépissé de dépôt', required: false },
    ],
    deadlineRule: DEFAULT_DEADLINE_RULE,
    open: true,
  },
  {
    code: 'DAJI-LIEN-PRO',
    directorateCode: 'DAJI',
    title: "Association d'un compte à un profil professionnel",
    description:
      'Reliez votre compte provincial à une entreprise ou à l’un de ses établissements pour faire des démarches en son nom. La DAJI vérifie votre pouvoir de la représenter.',
    applicantKinds: ['person'],
    formSchema: {
      version: 1,
      fields: [
        ridetField,
        {
          key: 'qualite',
          type: 'choice',
          label: 'Vous agissez en qualité de',
          required: true,
          options: [
            { value: 'representant_legal', label: 'Représentant légal' },
            { value: 'delegue', label: 'Délégué du représentant légal' },
          ],
        },
        { key: 'fonction', type: 'text', label: "Fonction dans l'entreprise", required: false, maxLength: 100 },
      ],
    },
    requiredDocuments: [
      {
        type: 'justificatif_pouvoir',
        label: 'Justificatif de pouvoir (extrait Kbis, statuts ou délégation signée du représentant légal)',
        required: true,
      },
    ],
    deadlineRule: rejectedAfter('months', 1),
    open: true,
  },
  {
    code: 'DAJI-COPIE-ACTE',
    directorateCode: 'DAJI',
    title: "Demande de copie d'acte",
    description: 'Obtenez la copie d’un acte administratif de la province Sud (arrêté, délibération, décision, convention) qui vous concerne.',
    applicantKinds: ['person'],
    formSchema: {
      version: 1,
      fields: [
        {
          key: 'type_acte',
          type: 'choice',
          label: "Type d'acte",
          required: true,
          options: [
            { value: 'arrete', label: 'Arrêté' },
            { value: 'deliberation', label: 'Délibération' },
            { value: 'decision', label: 'Décision individuelle' },
            { value: 'convention', label: 'Convention ou contrat' },
          ],
        },
        { key: 'reference_acte', type: 'text', label: "Référence de l'acte (si vous la connaissez)", required: false, maxLength: 100 },
        { key: 'date_acte', type: 'date', label: "Date de l'acte", required: true },
        { key: 'motif', type: 'long_text', label: 'Motif de la demande', required: true, minLength: 20, maxLength: 2_000 },
        {
          key: 'format_copie',
          type: 'choice',
          label: 'Format souhaité',
          required: true,
          options: [
            { value: 'electronique', label: 'Copie électronique' },
            { value: 'papier', label: "Copie papier à retirer à l'hôtel de la province" },
          ],
        },
      ],
    },
    requiredDocuments: [],
    deadlineRule: rejectedAfter('working_days', 10),
    open: true,
  },
];

/**
 * Idempotent: inserts version 1 of each seeded service whose code has no version yet. Needs the
 * directorates (seeded before). Concurrent runs are safe: the unique (code, version) index wins.
 */
export async function seedCatalogue(dataSource: DataSource): Promise<void> {
  const existing = await dataSource
    .createQueryBuilder(ServiceVersion, 'v')
    .select('DISTINCT v.code', 'code')
    .getRawMany<{ code: string }>();
  const known = new Set(existing.map((row) => row.code));
  const missing = SEEDED_SERVICES.filter((s) => !known.has(s.code));
  if (missing.length === 0) return;

  const rows = missing.map(({ code, ...definition }) => {
    const checked = validateServiceDefinition(definition);
    if (!checked.ok) throw new Error(`Seeded service ${code} is invalid: ${JSON.stringify(checked.errors)}`);
    return { ...checked.value, code, version: 1, publishedBy: null };
  });
  await dataSource.createQueryBuilder().insert().into(ServiceVersion).values(rows).orIgnore().execute();
}

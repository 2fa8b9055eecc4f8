import type { DirectorateCode, FormField, StaffMember, WebhookDelivery } from '../api/admin';

export const DIRECTORATES: { code: DirectorateCode; name: string }[] = [
  { code: 'DEL', name: 'Emploi et logement (DEL)' },
  { code: 'DDET', name: 'Développement économique et tourisme (DDET)' },
  { code: 'DAJI', name: 'Affaires juridiques et institutionnelles (DAJI)' },
];

export const ROLE_LABELS: Record<StaffMember['role'], string> = {
  citizen: 'Usager',
  agent: 'Agent',
  supervisor: 'Superviseur',
  admin: 'Administrateur',
};

export const ACCOUNT_STATUS_LABELS: Record<StaffMember['status'], string> = {
  active: 'Actif',
  disabled: 'Désactivé',
  pending_verification: 'Invitation envoyée',
  erased: 'Effacé',
};

export const FIELD_TYPE_LABELS: Record<FormField['type'], string> = {
  text: 'Texte court',
  long_text: 'Texte long',
  integer: 'Nombre entier',
  amount_xpf: 'Montant (XPF)',
  date: 'Date',
  yes_no: 'Oui / non',
  choice: 'Choix dans une liste',
  email: 'Adresse électronique',
  phone_nc: 'Téléphone (Nouvelle-Calédonie)',
  ridet: 'Numéro RIDET',
  commune: 'Commune de la province Sud',
  document: 'Pièce justificative',
};

export const DELIVERY_STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'En attente',
  delivered: 'Livrée',
  failed: 'En échec',
};

export const EVENT_TYPE_LABELS: Record<string, string> = {
  submitted: 'Demande déposée',
  routed: 'Demande orientée',
  status_changed: 'Changement de statut',
  info_requested: 'Complément demandé',
  resubmitted: 'Demande complétée',
  decided: 'Décision rendue',
  withdrawn: 'Demande retirée',
  message_posted: 'Message envoyé',
  document_added: 'Pièce ajoutée',
};

export const directorateName = (code: string | null | undefined): string => DIRECTORATES.find((d) => d.code === code)?.name ?? 'Toutes les directions';

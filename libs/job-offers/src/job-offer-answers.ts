import type { FormAnswers } from '@portal/catalogue';
import { ContractType, isContractType } from './job-offer-terms';
import type { JobOffer } from './job-offer.entity';

export type JobOfferContent = Pick<JobOffer, 'title' | 'commune' | 'description' | 'monthlySalaryXpf' | 'startDate' | 'contactEmail'> & {
  contractType: ContractType;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * The offer as the business wrote it in its DEL file. The answers were validated on submission;
 * this only guards against a form version without the keys the board needs (then it throws, so the
 * decision is not recorded without its offer).
 */
export function jobOfferFromAnswers(data: FormAnswers): JobOfferContent {
  const title = text(data.intitule_poste);
  const contractType = data.type_contrat;
  const commune = text(data.commune_poste);
  const description = text(data.description_poste);
  if (!title || !isContractType(contractType) || !commune || !description) {
    throw new Error('DEL-OFFRE-EMPLOI file without intitule_poste, type_contrat, commune_poste or description_poste: cannot publish the offer');
  }
  const salary = data.salaire_mensuel_brut;
  return {
    title,
    contractType,
    commune,
    description,
    monthlySalaryXpf: typeof salary === 'number' && Number.isInteger(salary) ? salary : null,
    startDate: text(data.date_prise_poste),
    contactEmail: text(data.email_contact),
  };
}

import { jobOfferFromAnswers } from './job-offer-answers';
import { jobOfferState } from './job-offer-terms';

const answers = {
  intitule_poste: 'Mécanicien poids lourds',
  type_contrat: 'cdi',
  commune_poste: 'Païta',
  description_poste: 'Entretien et réparation de la flotte de camions de la carrière.',
  salaire_mensuel_brut: 320_000,
  date_prise_poste: '2027-02-01',
  email_contact: 'recrutement@exemple.nc',
};

describe('jobOfferFromAnswers', () => {
  it('maps the form keys to the offer', () => {
    expect(jobOfferFromAnswers(answers)).toEqual({
      title: 'Mécanicien poids lourds',
      contractType: 'cdi',
      commune: 'Païta',
      description: 'Entretien et réparation de la flotte de camions de la carrière.',
      monthlySalaryXpf: 320_000,
      startDate: '2027-02-01',
      contactEmail: 'recrutement@exemple.nc',
    });
  });

  it('leaves the optional salary empty', () => {
    const { salaire_mensuel_brut: _, ...rest } = answers;
    expect(jobOfferFromAnswers(rest).monthlySalaryXpf).toBeNull();
  });

  it('refuses answers without what the board shows', () => {
    expect(() => jobOfferFromAnswers({ ...answers, type_contrat: 'stage' })).toThrow(/cannot publish/);
    expect(() => jobOfferFromAnswers({ ...answers, intitule_poste: ' ' })).toThrow(/cannot publish/);
  });
});

describe('jobOfferState', () => {
  const now = new Date('2027-01-15T00:00:00Z');
  it('is published until it expires, and withdrawn once withdrawn, even after expiry', () => {
    expect(jobOfferState({ withdrawnAt: null, expiresAt: new Date('2027-01-16T00:00:00Z') }, now)).toBe('published');
    expect(jobOfferState({ withdrawnAt: null, expiresAt: now }, now)).toBe('expired');
    expect(jobOfferState({ withdrawnAt: new Date('2027-01-01T00:00:00Z'), expiresAt: new Date('2027-01-02T00:00:00Z') }, now)).toBe('withdrawn');
  });
});

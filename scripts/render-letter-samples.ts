// Renders a sample receipt and decision letter with the portal's own renderer and the development
// seal key, then PNG pictures of them for the docs (needs pdftoppm, Debian's poppler-utils):
//   TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register scripts/render-letter-samples.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceVersion } from '@portal/catalogue';
import { validateConfig } from '@portal/config';
import { isoNoumeaDate, letterContent, LetterInput, renderLetter, Seal, SealFacts, sealCode } from '@portal/requests';

const OUT = join(__dirname, '..', 'docs', 'letters');
const PUBLIC_URL = 'https://portail.province-sud.nc';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const seal = new Seal(validateConfig({}));
  const service = {
    code: 'DDET-AIDE-INVEST',
    title: 'Aide à l’investissement des petites entreprises',
    deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
  } as unknown as ServiceVersion;
  const submittedAt = new Date('2026-11-30T21:05:00Z');
  const decidedAt = new Date('2026-12-15T02:30:00Z');
  const letter = async (name: string, facts: Omit<SealFacts, 'date'>, at: Date, extra: Partial<LetterInput> = {}) => {
    const jws = seal.sign({ ...facts, date: isoNoumeaDate(at) } as SealFacts);
    const code = sealCode(jws);
    const verifyAt = `${PUBLIC_URL}/verifier`;
    const bytes = await renderLetter(
      letterContent({
        facts: { ...facts, date: isoNoumeaDate(at) } as SealFacts,
        reference: 'PS-2026-000123',
        service,
        directorateName: 'Direction du Développement Économique et du Tourisme (DDET)',
        applicant: { civility: 'Mme', firstName: 'Marie', lastName: 'Wahnyamalla', postcode: '98800', commune: 'Nouméa' },
        business: { legalName: 'Boulangerie du Lagon SARL', ridet: '0122531001', postcode: '98800', commune: 'Nouméa' },
        submittedAt,
        dueAt: new Date('2027-01-31T12:59:59Z'),
        at,
        reason: null,
        seal: { url: `${verifyAt}?d=${jws}`, code, keyId: seal.keyId, verifyAt },
        ...extra,
      }),
    );
    const pdf = join(tmpdir(), `${name}.pdf`);
    writeFileSync(pdf, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(OUT, name)]);
    console.log(`${name}: ${code}`);
  };
  await letter('recepisse', { reference: 'PS-2026-000123', document: 'receipt', outcome: 'submitted' }, submittedAt);
  await letter('decision', { reference: 'PS-2026-000123', document: 'decision', outcome: 'approved', amountXpf: 150_000 }, decidedAt);
}

void main();

import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';
import { uploadWithProgress } from '../../../lib/api/upload';

export type Verification = components['schemas']['VerificationResultDto'];

/** What the person gave: a typed code (or the QR code's URL), or the PDF itself. */
export type VerificationInput = { code: string } | { file: File };

/** Public: no session needed. The API answers 200 for "authentique" and "non reconnu" alike. */
export function useVerification() {
  return useMutation({
    mutationFn: async (input: VerificationInput): Promise<Verification> =>
      'code' in input
        ? unwrap(await api.POST('/api/verifications', { body: { code: input.code } }))
        : uploadWithProgress<Verification>('/api/verifications/document', {}, input.file, () => undefined),
  });
}

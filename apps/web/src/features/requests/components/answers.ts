import { formatNcPhone } from '../../../lib/territory';
import type { Answers, Request, Service } from '../api/requests';

/** The stored answers as the form edits them: numbers (normalised by the API) back to text. */
export function toAnswers(data: Request['data'], fields: Service['formSchema']['fields']): Answers {
  const answers: Answers = {};
  for (const [key, value] of Object.entries(data)) {
    const phone = fields.find((f) => f.key === key)?.type === 'phone_nc';
    if (typeof value === 'string' && phone) answers[key] = formatNcPhone(value);
    else if (typeof value === 'boolean' || typeof value === 'string') answers[key] = value;
    else if (typeof value === 'number') answers[key] = String(value);
  }
  return answers;
}

/** What an agent asked the applicant to correct: form answers (with their value then) and documents. */
export interface RequestedCorrections {
  fields: Array<{ key: string; previous: string | number | boolean | null }>;
  documents: string[];
}

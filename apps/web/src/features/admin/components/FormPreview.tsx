import { useState } from 'react';
import { FormFieldInput } from '../../requests/components/FormFieldInput';
import type { Answers } from '../../requests/api/requests';
import type { NewServiceVersion } from '../api/admin';

/** The form as the applicant will see it, drawn by the residents' own renderer, live as the editor changes. */
export function FormPreview({ definition }: { definition: NewServiceVersion }) {
  const [answers, setAnswers] = useState<Answers>({});
  const questions = definition.formSchema.fields.filter((f) => f.type !== 'document');
  // As the draft page shows them: the questions, then the service's required documents.
  const documents = definition.requiredDocuments;
  const change = (key: string, value: string | boolean | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  return (
    <div className="form-preview">
      <p className="form-preview__title">{definition.title || 'Démarche sans titre'}</p>
      {questions.length === 0 && <p>Aucune question : le demandeur ne joindra que les pièces.</p>}
      {questions.map((field, i) => (
        <FormFieldInput
          key={`${i}-${field.key}`}
          field={{ ...field, label: field.label || `Question n° ${i + 1} sans libellé`, key: `apercu-${field.key || i}` }}
          value={answers[`apercu-${field.key || i}`]}
          onChange={(v) => change(`apercu-${field.key || i}`, v)}
        />
      ))}
      {documents.length > 0 && (
        <>
          <p className="form-preview__subtitle">Pièces justificatives</p>
          <ul>
            {documents.map((d) => (
              <li key={d.type}>{d.required ? d.label : `${d.label} (facultatif)`}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

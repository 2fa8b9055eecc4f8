import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field, fieldId } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { formErrors } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { definitionOf, type FormField, type NewServiceVersion, type ServiceVersion, usePublishVersion, useServiceVersions } from '../api/admin';
import { FieldEditor } from '../components/FieldEditor';
import { FormPreview } from '../components/FormPreview';

const ADD_BUTTON = 'ajouter-question';
/** The id prefix of a question's controls (its move buttons end in -monter, -descendre). */
const questionId = (index: number): string => fieldId(`formSchema.fields[${index}]`);

export function PublishVersionPage() {
  const { code = '' } = useParams();
  const versions = useServiceVersions(code);
  const current = versions.data?.[0];
  usePageTitle(current ? `Nouvelle version — ${current.title} — Administration` : 'Nouvelle version — Administration');
  if (versions.isPending) return <Loading />;
  if (!current) {
    return (
      <>
        <h1>Démarche introuvable</h1>
        <p>
          <Link to="/admin/demarches">Voir les démarches</Link>
        </p>
      </>
    );
  }
  return <VersionEditor current={current} />;
}

function VersionEditor({ current }: { current: ServiceVersion }) {
  const [definition, setDefinition] = useState<NewServiceVersion>(() => ({
    ...definitionOf(current),
    formSchema: { version: current.version + 1, fields: current.formSchema.fields },
  }));
  // Stable React keys for the questions, moved and removed with them (an index would keep a moved
  // question's uncontrolled choices box in place).
  const [ids, setIds] = useState<number[]>(() => current.formSchema.fields.map((_, i) => i));
  const publish = usePublishVersion(current.code);
  const navigate = useNavigate();
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const errors = publish.isError ? formErrors(publish.error) : null;
  const fields = definition.formSchema.fields;

  // After adding, moving or removing a question, focus goes where the keyboard user expects it.
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);
  const focusNext = (id: string) => setFocusTarget({ id });

  const setFields = (next: FormField[]) => setDefinition((d) => ({ ...d, formSchema: { ...d.formSchema, fields: next } }));
  const update = (i: number, field: FormField) => setFields(fields.map((f, j) => (j === i ? field : f)));
  const swap = <T,>(list: T[], i: number, j: number): T[] => list.map((item, k) => (k === i ? list[j] : k === j ? list[i] : item));
  const move = (i: number, offset: -1 | 1) => {
    setFields(swap(fields, i, i + offset));
    setIds(swap(ids, i, i + offset));
    // The same button again, unless the question reached an end (the button is then disabled).
    const to = i + offset;
    const up = offset < 0 ? to > 0 : to === fields.length - 1;
    focusNext(`${questionId(to)}-${up ? 'monter' : 'descendre'}`);
  };
  const remove = (i: number) => {
    setFields(fields.filter((_, j) => j !== i));
    setIds(ids.filter((_, j) => j !== i));
    focusNext(fields.length > 1 ? fieldId(`formSchema.fields[${Math.min(i, fields.length - 2)}].label`) : ADD_BUTTON);
  };
  const add = () => {
    focusNext(fieldId(`formSchema.fields[${fields.length}].label`));
    setFields([...fields, { key: `question_${fields.length + 1}`, type: 'text', label: '', required: false }]);
    setIds([...ids, Math.max(-1, ...ids) + 1]);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const published = await publish.mutateAsync(definition);
      void navigate(`/admin/demarches/${encodeURIComponent(current.code)}`, { state: { published: published.version } });
    } catch {
      // Shown by the error summary.
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/admin/demarches/${encodeURIComponent(current.code)}`}>{current.title}</Link>
      </p>
      <h1>Nouvelle version de la démarche</h1>
      <p>
        Vous partez de la version {current.version}. Les demandes commencées avant la publication gardent leur formulaire ; les nouvelles suivront celui-ci.
      </p>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <div className="version-editor">
        <form className="form version-editor__form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="editeur">
          <h2 id="editeur">Formulaire</h2>
          <Field name="title" label="Titre de la démarche" error={errors?.fields.title}>
            {(control) => <input {...control} className="input" value={definition.title} onChange={(e) => setDefinition((d) => ({ ...d, title: e.target.value }))} />}
          </Field>
          <Field name="description" label="Description" error={errors?.fields.description}>
            {(control) => (
              <textarea {...control} className="input textarea" rows={3} value={definition.description} onChange={(e) => setDefinition((d) => ({ ...d, description: e.target.value }))} />
            )}
          </Field>
          <h3>Questions</h3>
          {fields.map((field, i) => (
            <FieldEditor
              key={ids[i]}
              field={field}
              index={i}
              count={fields.length}
              errors={errors?.fields ?? {}}
              onChange={(f) => update(i, f)}
              onMove={(offset) => move(i, offset)}
              onRemove={() => remove(i)}
            />
          ))}
          <p>
            <Button id={ADD_BUTTON} variant="secondary" onClick={add}>
              Ajouter une question
            </Button>
          </p>
          <p className="field__hint">Les pièces justificatives, le délai et les demandeurs admis restent ceux de la version {current.version}.</p>
          <Button type="submit" disabled={publish.isPending}>
            {publish.isPending ? 'Publication…' : 'Publier la version'}
          </Button>
        </form>
        <section className="version-editor__preview" aria-labelledby="apercu">
          <h2 id="apercu">Aperçu pour le demandeur</h2>
          <FormPreview definition={definition} />
        </section>
      </div>
    </>
  );
}

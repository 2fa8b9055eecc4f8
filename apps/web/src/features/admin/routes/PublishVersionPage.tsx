import { useEffect, useRef, useState, type FormEvent } from 'react';
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
  const publish = usePublishVersion(current.code);
  const navigate = useNavigate();
  const focusField = useRef<number | null>(null);
  const errors = publish.isError ? formErrors(publish.error) : null;
  const fields = definition.formSchema.fields;

  // A question just added: its label takes focus.
  useEffect(() => {
    if (focusField.current === null) return;
    document.getElementById(fieldId(`formSchema.fields[${focusField.current}].label`))?.focus();
    focusField.current = null;
  }, [fields.length]);

  const setFields = (next: FormField[]) => setDefinition((d) => ({ ...d, formSchema: { ...d.formSchema, fields: next } }));
  const update = (i: number, field: FormField) => setFields(fields.map((f, j) => (j === i ? field : f)));
  const move = (i: number, offset: -1 | 1) => {
    const next = [...fields];
    [next[i], next[i + offset]] = [next[i + offset], next[i]];
    setFields(next);
  };
  const add = () => {
    focusField.current = fields.length;
    setFields([...fields, { key: `question_${fields.length + 1}`, type: 'text', label: '', required: false }]);
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
              key={i}
              field={field}
              index={i}
              count={fields.length}
              errors={errors?.fields ?? {}}
              onChange={(f) => update(i, f)}
              onMove={(offset) => move(i, offset)}
              onRemove={() => setFields(fields.filter((_, j) => j !== i))}
            />
          ))}
          <p>
            <Button variant="secondary" onClick={add}>
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

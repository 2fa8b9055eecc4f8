/** A text field's value from a submitted form ('' when absent or a file). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** A trimmed optional value: null when left empty (the API then clears the field). */
export function optionalTextOf(form: FormData, name: string): string | null {
  const text = textOf(form, name).trim();
  return text === '' ? null : text;
}

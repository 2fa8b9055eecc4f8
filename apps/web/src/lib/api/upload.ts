import { ApiError, NETWORK_ERROR_MESSAGE } from './errors';

/**
 * A multipart upload with progress (fetch reports none): XMLHttpRequest, same origin, cookies.
 * Fields first: the API reads `documentType` before the file.
 */
export function uploadWithProgress<T>(url: string, fields: Record<string, string>, file: File, onProgress: (fraction: number) => void): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);
  return sendForm<T>(url, form, onProgress);
}

/** Posts a multipart form as built (fields before files, in the order the API reads them). */
export function sendForm<T>(url: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.response as T) : reject(ApiError.from(xhr.status, xhr.response)));
    xhr.onerror = () => reject(new Error(NETWORK_ERROR_MESSAGE));
    xhr.send(form);
  });
}

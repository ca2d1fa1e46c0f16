import type { FormInstance } from 'antd';
import { ApiError } from '../api/request';

/**
 * Shows a refusal where the clerk will look: under the form field the server names when the form
 * has it (`salary: …`), else in the returned text for a message or an alert.
 * Returns the text for the caller when no field took it, null when a field did.
 */
export function showFormError(form: FormInstance, error: unknown): string | null {
  if (error instanceof ApiError && error.field) {
    const name = error.field.split(/[.[\]]/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    // getFieldsError() lists every field the form has registered.
    if (form.getFieldsError().some((entry) => entry.name.join('.') === name.join('.'))) {
      form.setFields([{ name, errors: [error.problem] }]);
      return null;
    }
  }
  return errorText(error);
}

/** A human sentence for any failure. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return '操作失败，请重试';
}

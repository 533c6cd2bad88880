import type { MessageValues } from '../i18n/catalogue';

/** A problem with one field of a form, told to the person in their language by its catalogue key. */
export interface FieldError {
  /** The id of the input to link to from the error summary. */
  readonly field: string;
  readonly key: string;
  readonly values?: MessageValues;
}

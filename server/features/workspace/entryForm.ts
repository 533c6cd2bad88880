import { z } from 'zod';
import type { FieldError } from '../../platform/forms/fieldError';
import { firstString, readPastDate, type FormValues } from '../../submissions/responseForm';
import { enteredChannels, type EnteredChannel } from '../../submissions/vocabulary';
import { languages, type Language } from '../../platform/vocabulary';

export interface OfflineDetails {
  readonly channel: EnteredChannel;
  readonly receivedOn: string;
  readonly language: Language;
  readonly sendReceipt: boolean;
}

const detailsSchema = z.object({
  channel: z.enum(enteredChannels, { error: 'admin.entry.errors.channel' }),
  language: z.enum(languages, { error: 'admin.entry.errors.language' }),
});

/** The fields an officer adds to a response that came by email or post: how, when, and in which language. */
export function readOfflineDetails(
  body: Record<string, unknown>,
  now: Date,
): { values: FormValues; errors: FieldError[]; details: OfflineDetails | null } {
  const values: Record<string, string> = {};
  for (const field of ['channel', 'language', 'receivedDay', 'receivedMonth', 'receivedYear', 'sendReceipt'])
    values[field] = firstString(body[field]).trim();
  const errors: FieldError[] = [];
  const parsed = detailsSchema.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors.push({ field: String(issue.path[0]), key: issue.message });
  const received = readPastDate(
    values.receivedDay!,
    values.receivedMonth!,
    values.receivedYear!,
    now,
    'admin.entry.errors.receivedOn',
  );
  if (received.errorKey) errors.push({ field: 'receivedDay', key: received.errorKey });
  else if (received.date === null) errors.push({ field: 'receivedDay', key: 'admin.entry.errors.receivedOn.missing' });
  const details =
    parsed.success && received.date
      ? { ...parsed.data, receivedOn: received.date, sendReceipt: values.sendReceipt === 'yes' }
      : null;
  return { values, errors, details };
}

import { DateTime } from 'luxon';
import { z } from 'zod';
import { londonDay } from '../platform/time/clock';
import { walesWide, type Consultation } from '../consultation/consultation';
import type { FieldError } from '../platform/forms/fieldError';
import type { Answer, ResponseContent } from './submission';
import {
  consentAnswers,
  constituencyRespondentTypes,
  isGroupResponse,
  respondentTypes,
  responseLimits,
} from './vocabulary';
import { isOneOf } from '../platform/vocabulary';

/** What the person typed, exactly, so the form can be shown again with nothing lost. */
export type FormValues = Readonly<Record<string, string>>;

/** The public form, or an officer entering a response that came by email or post. */
export type FormMode = 'public' | 'officer';

export type FormResult =
  { ok: true; values: FormValues; content: ResponseContent } | { ok: false; values: FormValues; errors: FieldError[] };

export function answerField(paper: string, section: string | null): string {
  return section ? `answer__${paper}__${section}` : `answer__${paper}`;
}

// Control characters other than tab and line breaks have no place in a response.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function firstValue(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** A value with any control characters dropped. A response's own fields are read with asTyped, which shows them instead. */
export function firstString(value: unknown): string {
  return firstValue(value).replace(controlCharacters, '');
}

/**
 * Characters nobody means to send: control characters (in a one-line field, line breaks too,
 * which browsers never send there), and halves of a character. Each is shown back as U+FFFD,
 * the character that already stands in for bytes that were not UTF-8, so that the person can
 * see where they are.
 */
const unreadableInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/gu;
const unreadableInLine = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\uD800-\uDFFF]/gu;
const replacementCharacter = '\uFFFD';

function asTyped(value: unknown, multiLine: boolean): string {
  return firstValue(value).replace(multiLine ? unreadableInText : unreadableInLine, replacementCharacter);
}

export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const requiredText = (field: string, max: number) =>
  z.string().trim().min(1, `respond.errors.${field}.missing`).max(max, `respond.errors.${field}.tooLong`);

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `respond.errors.${field}.tooLong`)
    .transform((text) => (text === '' ? null : text));

function buildFieldSchema(consultation: Consultation, mode: FormMode) {
  const constituencies = [...consultation.constituencies.map((constituency) => constituency.slug), walesWide];
  return z.object({
    respondentType: z.enum(respondentTypes, { error: 'respond.errors.respondentType.missing' }),
    name: requiredText('name', responseLimits.name),
    // A letter may come without an email address, so an officer may leave it out.
    email:
      mode === 'public'
        ? requiredText('email', responseLimits.email).pipe(z.email('respond.errors.email.invalid'))
        : optionalText('email', responseLimits.email).pipe(z.email('respond.errors.email.invalid').nullable()),
    bodyName: optionalText('bodyName', responseLimits.bodyName),
    roleInBody: optionalText('roleInBody', responseLimits.roleInBody),
    constituency: z.enum(constituencies as [string, ...string[]], { error: 'respond.errors.constituency.missing' }),
    anythingElse: optionalText('anythingElse', responseLimits.answer),
    meetingDay: z.string().trim(),
    meetingMonth: z.string().trim(),
    meetingYear: z.string().trim(),
    meetingAttendance: z
      .string()
      .trim()
      .refine((text) => text === '' || /^\d{1,6}$/.test(text), 'respond.errors.meetingAttendance.invalid')
      .transform((text) => (text === '' ? null : Number(text)))
      .refine(
        (count) => count === null || (count >= 1 && count <= responseLimits.attendance),
        'respond.errors.meetingAttendance.invalid',
      ),
    // Responses sent by email or post are covered by the privacy notice without a box to tick.
    consentPrivacy:
      mode === 'public' ? z.literal('yes', { error: 'respond.errors.consentPrivacy.missing' }) : z.string(),
    consentQuote: z.enum(consentAnswers, { error: 'respond.errors.consentQuote.missing' }),
  });
}

type FieldSchema = ReturnType<typeof buildFieldSchema>;
const fieldSchemas = new WeakMap<Consultation, Map<FormMode, FieldSchema>>();

/** The form's schema, built once for each consultation and form: building a zod schema costs more than using it. */
function fieldSchema(consultation: Consultation, mode: FormMode): FieldSchema {
  const byMode = fieldSchemas.get(consultation) ?? new Map<FormMode, FieldSchema>();
  fieldSchemas.set(consultation, byMode);
  const schema = byMode.get(mode) ?? buildFieldSchema(consultation, mode);
  byMode.set(mode, schema);
  return schema;
}

/**
 * A date from GOV.UK-style day, month and year boxes: all empty, or a real date that has
 * passed. `errorKeys` says which messages to use, as `<prefix>.invalid` and `<prefix>.future`.
 */
export function readPastDate(
  day: string,
  month: string,
  year: string,
  now: Date,
  errorKeys: string,
): { date: string | null; errorKey?: string } {
  if (day === '' && month === '' && year === '') return { date: null };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { date: null, errorKey: `${errorKeys}.invalid` };
  }
  // A calendar date has no time zone to be in; London only decides which day today is.
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: 'utc' });
  if (!date.isValid || date.year < 2000) return { date: null, errorKey: `${errorKeys}.invalid` };
  const isoDate = date.toISODate();
  if (isoDate > londonDay(now)) return { date: null, errorKey: `${errorKeys}.future` };
  return { date: isoDate };
}

const isMultiLine = (field: string) => field === 'anythingElse' || field.startsWith('answer__');

/** The most each field a person types into may hold. */
function textFieldLimits(consultation: Consultation): Map<string, number> {
  const answerFields = fieldOrder(consultation).filter((field) => field.startsWith('answer__'));
  return new Map([
    ['name', responseLimits.name],
    ['email', responseLimits.email],
    ['bodyName', responseLimits.bodyName],
    ['roleInBody', responseLimits.roleInBody],
    ...answerFields.map((field): [string, number] => [field, responseLimits.answer]),
    ['anythingElse', responseLimits.answer],
  ]);
}

/**
 * A message for each text field holding characters that could not be read. A value over its
 * field's limit gets the message about its length instead: one cut off in transit may end in
 * half a character.
 */
function unreadableTextErrors(values: FormValues, lengthLimits: ReadonlyMap<string, number>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, limit] of lengthLimits) {
    const text = values[field]!.trim();
    if (text.length > limit || !text.includes(replacementCharacter)) continue;
    errors.push({
      field,
      key: field.startsWith('answer__') ? 'respond.errors.answer.unreadable' : `respond.errors.${field}.unreadable`,
    });
  }
  return errors;
}

/** Every field of the form, in the order it appears on the page, for the error summary. */
export function fieldOrder(consultation: Consultation): string[] {
  const answerFields = consultation.papers.flatMap((paper) => [
    answerField(paper.slug, null),
    ...paper.sections.map((section) => answerField(paper.slug, section.slug)),
  ]);
  return [
    'respondentType',
    'name',
    'email',
    'bodyName',
    'roleInBody',
    'constituency',
    ...answerFields,
    'anythingElse',
    'reports',
    'meetingDay',
    'meetingAttendance',
    'consentPrivacy',
    'consentQuote',
  ];
}

/** Every field of the response form as it was typed, whatever is wrong with it. */
export function readTypedValues(body: Record<string, unknown>, consultation: Consultation): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of [...fieldOrder(consultation), 'meetingMonth', 'meetingYear'])
    values[field] = asTyped(body[field], isMultiLine(field));
  return values;
}

/**
 * Reads the response form. `reportCount` is how many acceptable reports came with it, because a
 * report alone is a response: a branch may send only the write-up of its meeting.
 */
export function readResponseForm(
  body: Record<string, unknown>,
  consultation: Consultation,
  now: Date,
  reportCount: number,
  mode: FormMode = 'public',
): FormResult {
  const order = fieldOrder(consultation);
  const lengthLimits = textFieldLimits(consultation);
  const values = readTypedValues(body, consultation);

  const errors: FieldError[] = unreadableTextErrors(values, lengthLimits);
  const unreadable = new Set(errors.map((error) => error.field));
  const parsed = fieldSchema(consultation, mode).safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (!unreadable.has(field)) errors.push({ field, key: issue.message });
    }
  }

  const answers: Answer[] = [];
  for (const paper of consultation.papers) {
    for (const section of [null, ...paper.sections.map((paperSection) => paperSection.slug)]) {
      const field = answerField(paper.slug, section);
      const text = values[field]!.trim();
      if (text.length > responseLimits.answer) {
        errors.push({ field, key: 'respond.errors.answer.tooLong', values: { max: responseLimits.answer } });
      } else if (text !== '') {
        answers.push({ paper: paper.slug, section, body: text });
      }
    }
  }

  const meeting = readPastDate(
    values.meetingDay!,
    values.meetingMonth!,
    values.meetingYear!,
    now,
    'respond.errors.meetingDate',
  );
  if (meeting.errorKey) errors.push({ field: 'meetingDay', key: meeting.errorKey });

  // Checks across fields use what was typed, so that every problem is reported at once.
  const respondentType = values.respondentType!;
  const isGroup = isOneOf(respondentTypes, respondentType) && isGroupResponse(respondentType);
  if (isGroup && values.bodyName!.trim() === '')
    errors.push({ field: 'bodyName', key: 'respond.errors.bodyName.missing' });
  if (isGroup && values.roleInBody!.trim() === '')
    errors.push({ field: 'roleInBody', key: 'respond.errors.roleInBody.missing' });
  if (isOneOf(constituencyRespondentTypes, respondentType) && values.constituency === walesWide) {
    errors.push({ field: 'constituency', key: 'respond.errors.constituency.bodyNeedsOne' });
  }
  if (answers.length === 0 && values.anythingElse!.trim() === '' && reportCount === 0) {
    errors.push({ field: answerField(consultation.papers[0]!.slug, null), key: 'respond.errors.answer.nothingToSay' });
  }

  const fields = parsed.success ? parsed.data : null;
  if (!fields || errors.length > 0) {
    errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { ok: false, values, errors };
  }
  return {
    ok: true,
    values,
    content: {
      respondentType: fields.respondentType,
      name: fields.name,
      email: fields.email,
      bodyName: isGroup ? fields.bodyName : null,
      roleInBody: isGroup ? fields.roleInBody : null,
      constituency: fields.constituency,
      answers,
      anythingElse: fields.anythingElse,
      meetingDate: meeting.date,
      meetingAttendance: fields.meetingAttendance,
      consentToQuote: fields.consentQuote === 'yes',
    },
  };
}

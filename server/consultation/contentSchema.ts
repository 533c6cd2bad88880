import { z } from 'zod';

const slug = z
  .string({ error: 'must be text' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens, such as "workforce"');
const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
const calendarDate = z
  .string({ error: 'must be a date in quotes, such as "2020-06-15"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD, such as "2020-06-15"');

export const consultationFileSchema = z.strictObject({
  slug,
  title: text,
  organisation: text,
  referencePrefix: z.string().regex(/^[A-Z0-9]{1,6}$/, 'must be 1 to 6 capital letters or digits, such as "S2"'),
  introduction: text,
  privacyNotice: text,
  opensAt: calendarDate,
  closesOn: calendarDate,
  howToRespond: z.strictObject({
    email: z.email('must be an email address'),
    emailSubject: text,
    postalAddress: z.array(text).min(1, 'must list at least one line'),
    guidance: text,
  }),
});

export const constituenciesFileSchema = z.strictObject({
  constituencies: z
    .array(z.strictObject({ slug, name: text, welshName: text.optional() }))
    .min(1, 'must list at least one constituency'),
});

/** consultation.cy.yaml: the Welsh for the consultation's own words. Anything left out stays in English. */
export const consultationTranslationSchema = z.strictObject({
  title: text.optional(),
  organisation: text.optional(),
  introduction: text.optional(),
  privacyNotice: text.optional(),
  howToRespond: z
    .strictObject({ guidance: text.optional(), postalAddress: z.array(text).min(1).optional() })
    .optional(),
});

const sectionWithBody = {
  slug,
  title: text,
  body: text,
};

export const guideFileSchema = z.strictObject({
  slug,
  title: text,
  summary: text,
  sections: z.array(z.strictObject(sectionWithBody)).min(1, 'must have at least one section'),
});

/** A paper's foreword, its body as `body` says: required in English, left out of a translation until it is written. */
const forewordWith = <Body extends z.ZodType>(body: Body) =>
  z.strictObject({ title: text, body, signedBy: text.optional(), signatureRole: text.optional() }).optional();

export const paperFileSchema = z.strictObject({
  slug,
  title: text,
  summary: text,
  order: z.number().int().optional(),
  foreword: forewordWith(text),
  sections: z
    .array(
      z.strictObject({
        ...sectionWithBody,
        quotes: z.array(z.strictObject({ text, attribution: text })).default([]),
        questions: z.array(text).min(1, 'must ask at least one question for discussion'),
      }),
    )
    .min(1, 'must have at least one section'),
});

/**
 * papers/<slug>.cy.yaml: the Welsh version of a paper. Its title, summary, section titles and
 * questions must be written; a section's body, its quotes and the foreword's body may be left out
 * until they are translated, and are then shown in English, marked as English.
 */
export const paperTranslationSchema = z.strictObject({
  slug,
  title: text,
  summary: text,
  foreword: forewordWith(text.optional()),
  sections: z
    .array(
      z.strictObject({
        slug,
        title: text,
        body: text.optional(),
        quotes: z.array(z.strictObject({ text, attribution: text })).optional(),
        questions: z.array(text).min(1, 'must ask at least one question for discussion'),
      }),
    )
    .min(1, 'must have at least one section'),
});

export type PaperTranslation = z.infer<typeof paperTranslationSchema>;
export type ConsultationFile = z.infer<typeof consultationFileSchema>;
export type GuideFile = z.infer<typeof guideFileSchema>;
export type PaperFile = z.infer<typeof paperFileSchema>;
export type ConstituenciesFile = z.infer<typeof constituenciesFileSchema>;

import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  constituenciesFileSchema,
  consultationFileSchema,
  consultationTranslationSchema,
  guideFileSchema,
  paperFileSchema,
  paperTranslationSchema,
  type PaperFile,
  type PaperTranslation,
} from './contentSchema';
import type { Consultation, Guide, TopicPaper } from './consultation';
import { locales, type Language } from '../platform/vocabulary';

import { LONDON } from '../config';

/** A content file that cannot be used. The message names the file, the field and what is wrong. */
export class ContentError extends Error {}

// Raw HTML is off: content is written by officers, but the page it lands on must stay safe.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

function readYaml<Schema extends z.ZodType>(file: string, schema: Schema, contentDir: string): z.output<Schema> {
  const shownName = path.relative(path.dirname(contentDir), file);
  const document = parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ContentError(`${shownName}: this is not valid YAML: ${document.errors[0]!.message}`);
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the whole file)';
      return `${shownName}: ${field}: ${issue.message}`;
    });
    throw new ContentError(problems.join('\n'));
  }
  return result.data;
}

/** A document's Welsh version sits beside it: papers/housing.cy.yaml for papers/housing.yaml. */
function welshFileFor(file: string): string {
  return file.replace(/\.yaml$/, '.cy.yaml');
}

function yamlFilesIn(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && !name.endsWith('.cy.yaml'))
    .sort()
    .map((name) => path.join(folder, name));
}

function requireSlugMatchesFileName(file: string, slug: string, contentDir: string): void {
  const expected = path.basename(file).replace(/(\.cy)?\.yaml$/, '');
  if (slug !== expected) {
    throw new ContentError(
      `${path.relative(path.dirname(contentDir), file)}: slug: is "${slug}" but must match the file name, "${expected}"`,
    );
  }
}

function requireUniqueSlugs(file: string, slugs: string[], contentDir: string): void {
  const seen = new Set<string>();
  for (const [index, slug] of slugs.entries()) {
    if (seen.has(slug)) {
      throw new ContentError(
        `${path.relative(path.dirname(contentDir), file)}: sections.${index}.slug: "${slug}" is used by another section`,
      );
    }
    seen.add(slug);
  }
}

/** Reads a paper or guide file and checks its slug matches its name and its sections' slugs are unique. */
function readDocument<Schema extends z.ZodType<{ slug: string; sections: { slug: string }[] }>>(
  file: string,
  schema: Schema,
  contentDir: string,
): z.output<Schema> {
  const document = readYaml(file, schema, contentDir);
  requireSlugMatchesFileName(file, document.slug, contentDir);
  requireUniqueSlugs(
    file,
    document.sections.map((section) => section.slug),
    contentDir,
  );
  return document;
}

/**
 * A document's Welsh version, if one has been written: it must have the same sections, so that
 * answers given in either language belong to the same section.
 */
function readWelshVersion<Schema extends z.ZodType<{ slug: string; sections: { slug: string }[] }>>(
  englishFile: string,
  english: { sections: readonly { slug: string }[] },
  schema: Schema,
  contentDir: string,
): z.output<Schema> | null {
  const file = welshFileFor(englishFile);
  if (!fs.existsSync(file)) return null;
  const welsh = readDocument(file, schema, contentDir);
  const englishSlugs = english.sections.map((section) => section.slug).join(', ');
  const welshSlugs = welsh.sections.map((section) => section.slug).join(', ');
  if (welshSlugs !== englishSlugs) {
    throw new ContentError(
      `${path.relative(path.dirname(contentDir), file)}: sections: must have the same section slugs, in the same order, as the English (${englishSlugs}), not ${welshSlugs}`,
    );
  }
  return welsh;
}

/** The paper in English, or in Welsh where its Welsh version says it, in English where it does not yet. */
function paperFrom(paper: PaperFile, welsh: PaperTranslation | null): TopicPaper {
  const translated = <T>(welshText: T | undefined, englishText: T) =>
    welshText === undefined
      ? { text: englishText, language: 'en' as const }
      : { text: welshText, language: 'cy' as const };
  const foreword = paper.foreword
    ? { ...paper.foreword, body: translated(welsh?.foreword?.body, paper.foreword.body) }
    : null;
  const sections = paper.sections.map((section, index) => {
    const welshSection = welsh?.sections[index];
    return {
      slug: section.slug,
      title: welshSection?.title ?? section.title,
      body: translated(welshSection?.body, section.body),
      quotes: translated(welshSection?.quotes, section.quotes),
      questions: welshSection?.questions ?? section.questions,
    };
  });
  const bodies = [...(foreword ? [foreword.body] : []), ...sections.map((section) => section.body)];
  return {
    language: welsh ? 'cy' : 'en',
    bodyLanguage: bodies.every((body) => body.language === 'cy') ? 'cy' : 'en',
    slug: paper.slug,
    title: welsh?.title ?? paper.title,
    summary: welsh?.summary ?? paper.summary,
    foreword: foreword
      ? {
          title: welsh?.foreword?.title ?? foreword.title,
          bodyHtml: markdown.render(foreword.body.text),
          bodyLanguage: foreword.body.language,
          signedBy: welsh?.foreword?.signedBy ?? foreword.signedBy,
          signatureRole: welsh?.foreword?.signatureRole ?? foreword.signatureRole,
        }
      : null,
    sections: sections.map((section) => ({
      slug: section.slug,
      title: section.title,
      bodyHtml: markdown.render(section.body.text),
      bodyLanguage: section.body.language,
      quotes: section.quotes.text,
      quotesLanguage: section.quotes.language,
      questions: section.questions,
    })),
  };
}

function guideFrom(guide: z.output<typeof guideFileSchema>, language: Language): Guide {
  return {
    language,
    slug: guide.slug,
    title: guide.title,
    summary: guide.summary,
    sections: guide.sections.map((section) => ({
      slug: section.slug,
      title: section.title,
      bodyHtml: markdown.render(section.body),
    })),
  };
}

export type LocalisedConsultation = Readonly<Record<Language, Consultation>>;

/**
 * Named things in the order of their names as shown, by the language's own alphabet: in Welsh, ch,
 * dd, ff, ng, ll, ph, rh and th are letters of their own, so "Llanelli" comes after every name
 * that begins with a single l.
 */
function inAlphabeticalOrder<T extends { readonly name: string }>(named: readonly T[], language: Language): T[] {
  const collator = new Intl.Collator(locales[language]);
  return [...named].sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Loads one consultation folder: consultation.yaml, constituencies.yaml, papers/*.yaml and
 * guides/*.yaml, each with its Welsh version (*.cy.yaml) where one has been written. Returns the
 * consultation in English and in Welsh; where a document has no Welsh yet, the Welsh one holds
 * the English, marked as such. Throws a ContentError that says what to fix when a file is wrong.
 */
export function loadConsultation(contentDir: string): LocalisedConsultation {
  const consultationFile = path.join(contentDir, 'consultation.yaml');
  if (!fs.existsSync(consultationFile)) {
    throw new ContentError(`${consultationFile}: the file is missing; every consultation folder needs one`);
  }
  const consultation = readYaml(consultationFile, consultationFileSchema, contentDir);
  const constituencies = readYaml(path.join(contentDir, 'constituencies.yaml'), constituenciesFileSchema, contentDir);

  const paperFiles = yamlFilesIn(path.join(contentDir, 'papers'))
    .map((file) => ({ file, paper: readDocument(file, paperFileSchema, contentDir) }))
    .sort((a, b) => (a.paper.order ?? Number.MAX_SAFE_INTEGER) - (b.paper.order ?? Number.MAX_SAFE_INTEGER));
  if (paperFiles.length === 0) {
    throw new ContentError(`${path.join(contentDir, 'papers')}: there must be at least one topic paper file here`);
  }
  const guideFiles = yamlFilesIn(path.join(contentDir, 'guides')).map((file) => ({
    file,
    guide: readDocument(file, guideFileSchema, contentDir),
  }));

  const opensAt = DateTime.fromISO(consultation.opensAt, { zone: LONDON }).startOf('day');
  const closesAt = DateTime.fromISO(consultation.closesOn, { zone: LONDON }).endOf('day');
  if (!opensAt.isValid)
    throw new ContentError(`${consultationFile}: opensAt: "${consultation.opensAt}" is not a real date`);
  if (!closesAt.isValid)
    throw new ContentError(`${consultationFile}: closesOn: "${consultation.closesOn}" is not a real date`);
  if (closesAt <= opensAt) throw new ContentError(`${consultationFile}: closesOn: must be after opensAt`);

  const english: Consultation = {
    language: 'en',
    slug: consultation.slug,
    title: consultation.title,
    organisation: consultation.organisation,
    referencePrefix: consultation.referencePrefix,
    introductionHtml: markdown.render(consultation.introduction),
    privacyNoticeHtml: markdown.render(consultation.privacyNotice),
    opensAt: opensAt.toJSDate(),
    closesAt: closesAt.toJSDate(),
    howToRespond: {
      email: consultation.howToRespond.email,
      emailSubject: consultation.howToRespond.emailSubject,
      postalAddress: consultation.howToRespond.postalAddress,
      guidanceHtml: markdown.render(consultation.howToRespond.guidance),
    },
    papers: paperFiles.map(({ paper }) => paperFrom(paper, null)),
    guides: guideFiles.map(({ guide }) => guideFrom(guide, 'en')),
    constituencies: inAlphabeticalOrder(
      constituencies.constituencies.map(({ slug, name }) => ({ slug, name })),
      'en',
    ),
  };

  const welshFile = welshFileFor(consultationFile);
  const translation = fs.existsSync(welshFile) ? readYaml(welshFile, consultationTranslationSchema, contentDir) : null;
  const welsh: Consultation = {
    ...english,
    language: translation ? 'cy' : 'en',
    title: translation?.title ?? english.title,
    organisation: translation?.organisation ?? english.organisation,
    introductionHtml: translation?.introduction ? markdown.render(translation.introduction) : english.introductionHtml,
    privacyNoticeHtml: translation?.privacyNotice
      ? markdown.render(translation.privacyNotice)
      : english.privacyNoticeHtml,
    howToRespond: {
      ...english.howToRespond,
      postalAddress: translation?.howToRespond?.postalAddress ?? english.howToRespond.postalAddress,
      guidanceHtml: translation?.howToRespond?.guidance
        ? markdown.render(translation.howToRespond.guidance)
        : english.howToRespond.guidanceHtml,
    },
    papers: paperFiles.map(({ file, paper }) =>
      paperFrom(paper, readWelshVersion(file, paper, paperTranslationSchema, contentDir)),
    ),
    guides: guideFiles.map(({ file, guide }) => {
      const welshGuide = readWelshVersion(file, guide, guideFileSchema, contentDir);
      return welshGuide ? guideFrom(welshGuide, 'cy') : guideFrom(guide, 'en');
    }),
    constituencies: inAlphabeticalOrder(
      constituencies.constituencies.map(({ slug, name, welshName }) => ({ slug, name: welshName ?? name })),
      'cy',
    ),
  };
  return { en: english, cy: welsh };
}

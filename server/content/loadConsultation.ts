import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  constituenciesFileSchema,
  consultationFileSchema,
  guideFileSchema,
  paperFileSchema,
} from './contentSchema';
import type { Consultation, Guide, TopicPaper } from './consultation';

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

function yamlFilesIn(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(folder, name));
}

function requireSlugMatchesFileName(file: string, slug: string, contentDir: string): void {
  const expected = path.basename(file, '.yaml');
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
  requireUniqueSlugs(file, document.sections.map((section) => section.slug), contentDir);
  return document;
}

function loadPaper(file: string, contentDir: string): TopicPaper & { order: number | undefined } {
  const paper = readDocument(file, paperFileSchema, contentDir);
  return {
    slug: paper.slug,
    title: paper.title,
    summary: paper.summary,
    order: paper.order,
    foreword: paper.foreword
      ? {
          title: paper.foreword.title,
          bodyHtml: markdown.render(paper.foreword.body),
          signedBy: paper.foreword.signedBy,
          signatureRole: paper.foreword.signatureRole,
        }
      : null,
    sections: paper.sections.map((section) => ({
      slug: section.slug,
      title: section.title,
      bodyHtml: markdown.render(section.body),
      quotes: section.quotes,
      questions: section.questions,
    })),
  };
}

function loadGuide(file: string, contentDir: string): Guide {
  const guide = readDocument(file, guideFileSchema, contentDir);
  return {
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

/**
 * Loads one consultation folder: consultation.yaml, constituencies.yaml, papers/*.yaml and
 * guides/*.yaml. Throws a ContentError that says what to fix when any file is wrong.
 */
export function loadConsultation(contentDir: string): Consultation {
  const consultationFile = path.join(contentDir, 'consultation.yaml');
  if (!fs.existsSync(consultationFile)) {
    throw new ContentError(`${consultationFile}: the file is missing; every consultation folder needs one`);
  }
  const consultation = readYaml(consultationFile, consultationFileSchema, contentDir);
  const constituencies = readYaml(path.join(contentDir, 'constituencies.yaml'), constituenciesFileSchema, contentDir);

  const papers = yamlFilesIn(path.join(contentDir, 'papers'))
    .map((file) => loadPaper(file, contentDir))
    .sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER));
  if (papers.length === 0) {
    throw new ContentError(`${path.join(contentDir, 'papers')}: there must be at least one topic paper file here`);
  }

  const opensAt = DateTime.fromISO(consultation.opensAt, { zone: LONDON }).startOf('day');
  const closesAt = DateTime.fromISO(consultation.closesOn, { zone: LONDON }).endOf('day');
  if (!opensAt.isValid) throw new ContentError(`${consultationFile}: opensAt: "${consultation.opensAt}" is not a real date`);
  if (!closesAt.isValid) throw new ContentError(`${consultationFile}: closesOn: "${consultation.closesOn}" is not a real date`);
  if (closesAt <= opensAt) throw new ContentError(`${consultationFile}: closesOn: must be after opensAt`);

  return {
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
    papers: papers.map(({ order: _order, ...paper }) => paper),
    guides: yamlFilesIn(path.join(contentDir, 'guides')).map((file) => loadGuide(file, contentDir)),
    constituencies: constituencies.constituencies,
  };
}

import type { Consultation, PaperSection } from '../consultation/consultation';
import type { Translate } from '../platform/i18n/catalogue';
import { asLanguage, isOneOf, type Language } from '../platform/vocabulary';
import type { Formatters } from '../platform/i18n/formatters';
import type { Answer, NewSubmission } from './submission';
import { answerField, type FormValues } from './responseForm';
import { consentAnswers, isGroupResponse, respondentTypes, type RespondentType } from './vocabulary';

/**
 * Who reads the summary: the respondent (the confirmation page and the receipt) or the Policy
 * Officer (a response's page), who also sees when and how it came, its language, whether any
 * report could run something when opened, and that no email address was given.
 */
export type SummaryAudience = 'respondent' | 'officer';

/** What a summary is written with, all in the one language of the page or email that shows it. */
export interface SummaryWords {
  readonly t: Translate;
  readonly format: Formatters;
  readonly constituencyName: (slug: string) => string;
  /** The consultation's words, for the titles of the papers and sections answered. */
  readonly consultation: Consultation;
}

export interface SummaryReport {
  readonly name: string;
  readonly size: string;
  /** What in the report could act when it is opened, for the officer; otherwise null. */
  readonly warning: string | null;
}

export interface SummaryRow {
  readonly label: string;
  /** The value on one line of text. */
  readonly value: string;
  /** In the reports row, each report, for a page to list (and the officer's to link) one by one. */
  readonly reports?: readonly SummaryReport[];
}

export interface SummaryAnswer {
  readonly heading: string;
  readonly body: string;
}

export interface SummaryPaper {
  readonly title: string;
  readonly answers: readonly SummaryAnswer[];
}

export interface ResponseSummary {
  readonly rows: readonly SummaryRow[];
  /** The group a group response is from, for a heading that names it; null for a member's own. */
  readonly respondingFor: string | null;
  /** A heading over the answers, where the rows and the answers are apart (the officer's page). */
  readonly answersHeading: string | null;
  /** Said in the answers' place when there are none (the officer's page). */
  readonly noAnswers: string | null;
  /** The papers answered, in the consultation's order, each with its answers in the order given. */
  readonly papers: readonly SummaryPaper[];
  readonly anythingElse: SummaryAnswer | null;
  /** The language the respondent wrote in, for a page in the other one to mark their words with. */
  readonly writtenIn: Language;
}

/**
 * Everything a response says, as one ordered list of labelled rows and its answers: the one
 * summary the confirmation page, the receipt, the officer's page and the digest show, so that
 * they cannot disagree. The questions only a group is asked (its meeting and reports) are shown
 * for a group response, and for anyone else only when answered.
 */
export function responseSummary(
  submission: NewSubmission,
  words: SummaryWords,
  audience: SummaryAudience,
): ResponseSummary {
  const { t, format, constituencyName } = words;
  const none = t('confirmation.summary.none');
  const isGroup = isGroupResponse(submission.respondentType);
  const forOfficer = audience === 'officer';
  const row = (label: string, value: string): SummaryRow => ({ label, value });
  const shownForGroup = (answered: boolean) => isGroup || answered;

  const reports = submission.attachments.map((file) => ({
    name: file.originalName,
    size: format.fileSize(file.sizeBytes),
    warning: forOfficer && file.risk ? t(`admin.submission.risk.${file.risk}`) : null,
  }));
  const received = [format.dateTime(submission.receivedAt), t(`admin.channels.${submission.channel}`)];
  if (submission.sentAfterClose) received.push(t('admin.submission.sentAfterClose'));

  const rows: SummaryRow[] = [
    row(t('confirmation.summary.respondingAs'), t(`respond.respondentType.options.${submission.respondentType}`)),
    row(t('respond.name.label'), submission.name),
    ...(forOfficer
      ? [row(t('admin.submission.email'), submission.email ?? t('admin.submission.noEmail'))]
      : submission.email
        ? [row(t('respond.email.label'), submission.email)]
        : []),
    ...(isGroup
      ? [
          row(t('respond.bodyName.label'), submission.bodyName ?? ''),
          row(t('respond.roleInBody.label'), submission.roleInBody ?? ''),
        ]
      : []),
    row(t('respond.constituency.label'), constituencyName(submission.constituency)),
    ...(forOfficer
      ? [
          row(t('admin.submission.received'), received.join(' · ')),
          row(t('admin.list.language'), t(`admin.languages.${asLanguage(submission.language)}`)),
        ]
      : []),
    ...(shownForGroup(submission.meetingDate !== null)
      ? [
          row(
            t('confirmation.summary.meetingDate'),
            submission.meetingDate ? format.date(submission.meetingDate) : none,
          ),
        ]
      : []),
    ...(shownForGroup(submission.meetingAttendance !== null)
      ? [
          row(
            t('respond.meetingAttendance.label'),
            submission.meetingAttendance === null ? none : String(submission.meetingAttendance),
          ),
        ]
      : []),
    ...(shownForGroup(reports.length > 0)
      ? [
          {
            label: t('confirmation.summary.reports'),
            value: reports.map((report) => `${report.name} (${report.size})`).join(', ') || none,
            reports,
          },
        ]
      : []),
    row(
      t('respond.consentQuote.legend'),
      submission.consentToQuote ? t('respond.consentQuote.yes') : t('respond.consentQuote.no'),
    ),
  ];

  const papers = answeredPapers(submission.answers, words, (section) => section.title);
  const anythingElse = anythingElseAnswer(submission.anythingElse, t);

  return {
    rows,
    respondingFor: isGroup ? submission.bodyName : null,
    answersHeading: forOfficer ? t('admin.submission.answers') : null,
    noAnswers: forOfficer && papers.length === 0 && !anythingElse ? t('admin.submission.noAnswers') : null,
    papers,
    anythingElse,
    writtenIn: asLanguage(submission.language),
  };
}

/** The papers answered, in the consultation's order, each with its answers in the order given. */
function answeredPapers(
  answers: readonly Answer[],
  { t, consultation }: SummaryWords,
  sectionHeading: (section: PaperSection, index: number) => string,
): SummaryPaper[] {
  return consultation.papers.flatMap((paper) => {
    const paperAnswers = answers
      .filter((answer) => answer.paper === paper.slug)
      .map((answer) => {
        const index = paper.sections.findIndex((section) => section.slug === answer.section);
        const section = paper.sections[index];
        return {
          heading: section ? sectionHeading(section, index) : t('admin.submission.wholePaper'),
          body: answer.body,
        };
      });
    return paperAnswers.length > 0 ? [{ title: paper.title, answers: paperAnswers }] : [];
  });
}

function anythingElseAnswer(text: string | null, t: Translate): SummaryAnswer | null {
  return text ? { heading: t('respond.anythingElse.label'), body: text } : null;
}

/**
 * What someone typed into the response form, exactly as typed, for a response the portal could
 * not accept (the closed page shows it back to copy and send another way). Only what was filled in
 * is shown, and the sections are numbered as the form numbers them. `language` is the form's, which
 * they wrote in.
 */
export function typedResponseSummary(values: FormValues, words: SummaryWords, language: Language): ResponseSummary {
  const { t, constituencyName } = words;
  const typed = (field: string) => (values[field] ?? '').trim();
  const respondentType = typed('respondentType');
  const consentQuote = typed('consentQuote');
  const meetingDate = [typed('meetingDay'), typed('meetingMonth'), typed('meetingYear')];
  const rows = [
    {
      label: t('confirmation.summary.respondingAs'),
      value: isOneOf(respondentTypes, respondentType) ? t(`respond.respondentType.options.${respondentType}`) : '',
    },
    { label: t('respond.name.label'), value: typed('name') },
    { label: t('respond.email.label'), value: typed('email') },
    { label: t('respond.bodyName.label'), value: typed('bodyName') },
    { label: t('respond.roleInBody.label'), value: typed('roleInBody') },
    { label: t('respond.constituency.label'), value: typed('constituency') && constituencyName(typed('constituency')) },
    { label: t('confirmation.summary.meetingDate'), value: meetingDate.some(Boolean) ? meetingDate.join(' / ') : '' },
    { label: t('respond.meetingAttendance.label'), value: typed('meetingAttendance') },
    {
      label: t('respond.consentQuote.legend'),
      value: isOneOf(consentAnswers, consentQuote) ? t(`respond.consentQuote.${consentQuote}`) : '',
    },
  ].filter((row) => row.value !== '');

  const answers = words.consultation.papers.flatMap((paper) =>
    [null, ...paper.sections.map((section) => section.slug)].flatMap((section) => {
      const body = typed(answerField(paper.slug, section));
      return body === '' ? [] : [{ paper: paper.slug, section, body }];
    }),
  );
  return {
    rows,
    respondingFor:
      isOneOf(respondentTypes, respondentType) && isGroupResponse(respondentType) ? typed('bodyName') : null,
    answersHeading: null,
    noAnswers: null,
    papers: answeredPapers(answers, words, (section, index) => `${index + 1}. ${section.title}`),
    anythingElse: anythingElseAnswer(typed('anythingElse'), t),
    writtenIn: language,
  };
}

/** Who a response is from, in a line, with the short names of respondent types: Sian Lewis · CLP: Gower CLP · Gower. */
export function respondentLine(
  respondent: {
    readonly name: string;
    readonly respondentType: RespondentType;
    readonly bodyName: string | null;
    readonly constituency: string;
  },
  { t, constituencyName }: Pick<SummaryWords, 't' | 'constituencyName'>,
): string {
  const type = t(`admin.respondentTypes.${respondent.respondentType}`);
  const from =
    isGroupResponse(respondent.respondentType) && respondent.bodyName ? `${type}: ${respondent.bodyName}` : type;
  return [respondent.name, from, constituencyName(respondent.constituency)].join(' · ');
}

import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ejs from 'ejs';
import { projectRoot } from '../config';
import type { LocalisedConsultation } from '../consultation/loadConsultation';
import { asLanguage, createCatalogue, type Language } from '../platform/i18n/catalogue';
import { constituencyLister, constituencyNamer } from '../consultation/constituencyNames';
import { createFormatters } from '../platform/i18n/formatters';
import type { NewSubmission } from '../submissions/submission';

export interface BuiltMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Template = (data: Record<string, unknown>) => string;

function compile(name: string): Template {
  const filename = path.join(projectRoot, 'views', 'emails', name);
  return ejs.compile(fs.readFileSync(filename, 'utf8'), { filename });
}

/** Writes the portal's emails, each with an HTML part and a plain-text part, in the reader's language. */
export class MessageBuilder {
  private readonly templates = {
    receiptHtml: compile('receipt.html.ejs'),
    receiptText: compile('receipt.text.ejs'),
    digestHtml: compile('digest.html.ejs'),
    digestText: compile('digest.text.ejs'),
  };
  private readonly catalogue = createCatalogue();
  private readonly commonByLanguage = new Map<Language, CommonData>();
  private readonly messageIdDomain: string;

  constructor(
    private readonly consultations: LocalisedConsultation,
    private readonly baseUrl: string,
  ) {
    this.messageIdDomain = new URL(baseUrl).hostname || 'localhost';
  }

  /** A Message-ID, fixed when a message is queued, so that a copy sent twice is recognised as one. */
  newMessageId(): string {
    return `<${randomUUID()}@${this.messageIdDomain}>`;
  }

  /** The respondent's receipt: the reference and a readable copy of everything they sent. */
  receipt(submission: NewSubmission): BuiltMessage {
    const common = this.commonData(asLanguage(submission.language));
    const { t, format, constituencyName } = common;
    const none = t('confirmation.summary.none');
    const rows: [string, string][] = [
      [t('confirmation.summary.respondingAs'), t(`respond.respondentType.options.${submission.respondentType}`)],
      [t('respond.name.label'), submission.name],
      ...(submission.bodyName
        ? ([
            [t('respond.bodyName.label'), submission.bodyName],
            [t('respond.roleInBody.label'), submission.roleInBody ?? ''],
          ] as [string, string][])
        : []),
      [t('respond.constituency.label'), constituencyName(submission.constituency)],
      [t('confirmation.summary.meetingDate'), submission.meetingDate ? format.date(submission.meetingDate) : none],
      [t('respond.meetingAttendance.label'), submission.meetingAttendance === null ? none : String(submission.meetingAttendance)],
      [
        t('confirmation.summary.reports'),
        submission.attachments.map((file) => `${file.originalName} (${format.fileSize(file.sizeBytes)})`).join(', ') || none,
      ],
      [t('respond.consentQuote.legend'), submission.consentToQuote ? t('respond.consentQuote.yes') : t('respond.consentQuote.no')],
    ];
    const data = { ...common, submission, rows };
    return {
      subject: subjectLine(common, t('email.receipt.subject', { reference: submission.reference })),
      text: this.templates.receiptText(data),
      html: this.templates.receiptHtml(data),
    };
  }

  /** A digest for the Policy Officer, in the language its reader chose. */
  digest(language: Language, content: Record<string, unknown>, subjectKey: string, subjectValues: Record<string, string | number>): BuiltMessage {
    const common = this.commonData(language);
    const data = { ...common, ...content };
    return {
      subject: subjectLine(common, common.t(subjectKey, subjectValues)),
      text: this.templates.digestText(data),
      html: this.templates.digestHtml(data),
    };
  }

  private commonData(language: Language): CommonData {
    let common = this.commonByLanguage.get(language);
    if (!common) {
      common = this.makeCommonData(language);
      this.commonByLanguage.set(language, common);
    }
    return common;
  }

  private makeCommonData(language: Language) {
    const t = this.catalogue.translatorFor(language);
    const consultation = this.consultations[language];
    return {
      t,
      language,
      format: createFormatters(language, t),
      consultation,
      baseUrl: this.baseUrl,
      constituencyName: constituencyNamer(consultation, t),
      constituencyNames: constituencyLister(consultation),
    };
  }
}

/** What every message in a language is written with, made once per language. */
type CommonData = ReturnType<MessageBuilder['makeCommonData']>;

/** A subject after the consultation's name in capitals, in the reader's language: STAGE 2 POLICY CONSULTATION, YMGYNGHORIAD POLISI CAM 2. */
function subjectLine({ consultation, language }: CommonData, subject: string): string {
  return `${consultation.title.toLocaleUpperCase(language)}: ${subject}`;
}

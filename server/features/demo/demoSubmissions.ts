import { DateTime } from 'luxon';
import { LONDON } from '../../config';
import { walesWide, type Consultation } from '../../consultation/consultation';
import { londonDay } from '../../platform/time/clock';
import type { WindowStatus } from '../../consultation/consultationWindow';
import { newReference } from '../../submissions/referenceNumbers';
import type { Answer, AttachmentRecord, NewSubmission, ResponseContent } from '../../submissions/submission';
import {
  channels,
  isGroupResponse,
  respondentTypes,
  reviewStatuses,
  type Channel,
  type RespondentType,
  type ReviewStatus,
} from '../../submissions/vocabulary';
import type { Language } from '../../platform/vocabulary';
import type { Corpus } from './corpus';
import { pdfDocument } from './pdfDocument';
import { firstNames, surnames } from './demoPeople';

/** One made-up response, as the seeding command stores it. */
export interface DemoResponse {
  readonly content: ResponseContent;
  readonly reference: string;
  readonly channel: Channel;
  readonly language: Language;
  readonly receivedAt: Date;
  readonly receivedDay: string;
  readonly status: ReviewStatus;
  readonly reports: readonly { readonly originalName: string; readonly content: Buffer }[];
}

/** A made-up response as the repository stores it, under `reference`, with its reports' records. */
export function asNewSubmission(
  response: DemoResponse,
  consultation: string,
  reference: string,
  attachments: readonly AttachmentRecord[],
): NewSubmission {
  return {
    ...response.content,
    reference,
    consultation,
    channel: response.channel,
    language: response.language,
    receivedAt: response.receivedAt,
    receivedDay: response.receivedDay,
    createdAt: response.receivedAt,
    enteredBy: null,
    formToken: null,
    sentAfterClose: false,
    attachments,
  };
}

/**
 * When made-up responses arrive: while the portal is open, up to now. A preview that moves only
 * the deadline (npm start's P28D) keeps the consultation's own opening day, years earlier, so
 * there they arrive over the consultation's own length, ending at the preview's deadline, as if it
 * ran again now. Null if the portal has not opened yet.
 */
export function demoPeriod(
  window: WindowStatus,
  consultation: Consultation,
  now: Date,
): { from: Date; to: Date } | null {
  const ownLength = consultation.closesAt.getTime() - consultation.opensAt.getTime();
  const from =
    window.overrides.opensAt === null
      ? new Date(Math.max(window.opensAt.getTime(), window.closesAt.getTime() - ownLength))
      : window.opensAt;
  const to = new Date(Math.min(now.getTime(), window.closesAt.getTime()));
  return to > from ? { from, to } : null;
}

const affiliates = [
  'UNISON Cymru Wales',
  'GMB Wales and South West',
  'Unite Wales',
  'Usdaw',
  'CWU Wales',
  'Co-operative Party Wales',
  'Socialist Health Association Cymru',
  'Community union',
  'Musicians’ Union',
  'Fabian Society Cymru',
];
const roles = ['Secretary', 'Chair', 'Policy Officer', 'Political Education Officer', 'Women’s Officer', 'Vice Chair'];
// A share for every word of each vocabulary, so that a word added there cannot be left out here.
const statusShares: Readonly<Record<ReviewStatus, number>> = { new: 0.5, read: 0.3, used: 0.15, flagged: 0.05 };
const respondentTypeShares: Readonly<Record<RespondentType, number>> = {
  individual: 0.7,
  branch: 0.15,
  clp: 0.05,
  labour_group: 0.04,
  affiliate: 0.06,
};
const channelShares: Readonly<Record<Channel, number>> = { web: 0.9, email: 0.06, post: 0.04 };

/** A small, fast generator that gives the same sequence for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Makes realistic responses for demonstrations and benchmarks: every respondent type, every
 * constituency, both languages, answers to the whole paper and to its sections built from real
 * writing about social care, a report attached to some, and most of them arriving in the last
 * days before the deadline, as responses to a consultation do.
 */
export class DemoSubmissions {
  private readonly random: () => number;
  private made = 0;

  /** `count` responses will be asked for: they arrive in order over `period`, as real ones would. */
  constructor(
    private readonly consultation: Consultation,
    private readonly corpus: Corpus,
    private readonly period: { readonly from: Date; readonly to: Date },
    private readonly count: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): DemoResponse {
    const language = this.random() < 0.2 ? 'cy' : 'en';
    const respondentType = this.weighted(respondentTypes, respondentTypeShares);
    const channel = this.weighted(channels, channelShares);
    const receivedAt = this.receivedAt();
    const constituency =
      respondentType === 'affiliate' && this.random() < 0.5
        ? walesWide
        : this.pick(this.consultation.constituencies).slug;
    const personName = `${this.pick(firstNames)} ${this.pick(surnames)}`;
    const isBody = isGroupResponse(respondentType);
    const withReport = isBody ? this.random() < 0.3 : this.random() < 0.02;
    const content: ResponseContent = {
      respondentType,
      name: personName,
      email:
        channel === 'post' && this.random() < 0.7
          ? null
          : `${personName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
      bodyName: isBody ? this.bodyName(respondentType, constituency) : null,
      roleInBody: isBody ? this.pick(roles) : null,
      constituency,
      answers: this.answers(language),
      anythingElse: this.random() < 0.15 ? this.paragraph(language) : null,
      meetingDate: isBody
        ? DateTime.fromJSDate(receivedAt, { zone: LONDON })
            .minus({ days: 1 + Math.floor(this.random() * 20) })
            .toISODate()
        : null,
      meetingAttendance: isBody ? 5 + Math.floor(this.random() * 60) : null,
      consentToQuote: this.random() < 0.6,
    };
    return {
      content,
      reference: newReference(this.consultation.referencePrefix),
      channel,
      language,
      receivedAt,
      receivedDay: londonDay(receivedAt),
      status: this.weighted(reviewStatuses, statusShares),
      reports: withReport ? [{ originalName: 'workshop-report.pdf', content: pdfDocument(this.sentence('en')) }] : [],
    };
  }

  /**
   * Most responses come in the final days: the fourth power of an evenly spread number crowds
   * them at the deadline. Each is later than the one before, so ids follow the time of arrival.
   */
  private receivedAt(): Date {
    const span = this.period.to.getTime() - this.period.from.getTime();
    const share = 1 - Math.min(1, (this.made + this.random()) / this.count);
    this.made += 1;
    return new Date(this.period.to.getTime() - Math.floor(span * share ** 4));
  }

  private answers(language: Language): Answer[] {
    const paper = this.pick(this.consultation.papers);
    const answers: Answer[] = [
      { paper: paper.slug, section: null, body: this.paragraphs(language, 1 + Math.floor(this.random() ** 2 * 3)) },
    ];
    if (this.random() < 0.3) {
      const section = this.pick(paper.sections);
      answers.push({ paper: paper.slug, section: section.slug, body: this.paragraph(language) });
    }
    return answers;
  }

  private bodyName(type: RespondentType, constituency: string): string {
    const place = this.consultation.constituencies.find((entry) => entry.slug === constituency)?.name ?? 'Wales';
    switch (type) {
      case 'branch':
        return `${place} ${this.pick(['North', 'South', 'East', 'West', 'Central', 'Town'])} Branch`;
      case 'clp':
        return `${place} CLP`;
      case 'labour_group':
        return `${place} Labour Group`;
      default:
        return this.pick(affiliates);
    }
  }

  private paragraphs(language: Language, count: number): string {
    return Array.from({ length: count }, () => this.paragraph(language)).join('\n\n');
  }

  private paragraph(language: Language): string {
    return Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => this.sentence(language)).join(' ');
  }

  private sentence(language: Language): string {
    return this.pick(language === 'cy' ? this.corpus.welsh : this.corpus.english);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** One of `words`, each as often as its share says, taken in the vocabulary's order. */
  private weighted<T extends string>(words: readonly T[], shares: Readonly<Record<T, number>>): T {
    let roll = this.random();
    for (const word of words) {
      roll -= shares[word];
      if (roll < 0) return word;
    }
    return words.at(-1)!;
  }
}

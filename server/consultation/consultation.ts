/** The consultation as the portal uses it: loaded from content/, validated, Markdown rendered. */

import type { Language } from '../platform/vocabulary';

export interface Section {
  readonly slug: string;
  readonly title: string;
  readonly bodyHtml: string;
}

export interface Quote {
  readonly text: string;
  readonly attribution: string;
}

export interface PaperSection extends Section {
  /** The language of bodyHtml: English until the section's text is translated. */
  readonly bodyLanguage: Language;
  readonly quotes: readonly Quote[];
  readonly quotesLanguage: Language;
  readonly questions: readonly string[];
}

export interface TopicPaper {
  /**
   * The language of its title, summary, section titles and questions: English where no Welsh
   * version has been written yet.
   */
  readonly language: Language;
  /** The language of its text: English until every section's text (and the foreword) is translated. */
  readonly bodyLanguage: Language;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly foreword: {
    readonly title: string;
    readonly bodyHtml: string;
    readonly bodyLanguage: Language;
    readonly signedBy: string | undefined;
    readonly signatureRole: string | undefined;
  } | null;
  readonly sections: readonly PaperSection[];
}

export interface Guide {
  readonly language: Language;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly Section[];
}

export interface Constituency {
  readonly slug: string;
  readonly name: string;
}

/** The constituency choice for bodies that work across Wales rather than in one constituency. */
export const walesWide = 'wales-wide';

export interface Consultation {
  /** The language of the consultation's own words (title, introduction, privacy notice). */
  readonly language: Language;
  readonly slug: string;
  readonly title: string;
  readonly organisation: string;
  /** The start of every reference number, such as S2 in S2-7KQ4-M9XD. */
  readonly referencePrefix: string;
  readonly introductionHtml: string;
  readonly privacyNoticeHtml: string;
  /** The first moment responses are accepted. */
  readonly opensAt: Date;
  /** The last moment responses are accepted: the end of the closing day in London. */
  readonly closesAt: Date;
  readonly howToRespond: {
    readonly email: string;
    readonly emailSubject: string;
    readonly postalAddress: readonly string[];
    readonly guidanceHtml: string;
  };
  readonly papers: readonly TopicPaper[];
  readonly guides: readonly Guide[];
  readonly constituencies: readonly Constituency[];
}

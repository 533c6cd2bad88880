import { randomBytes } from 'node:crypto';
import { pdfFile } from './files';
import type { ResponseToSend } from './portalClient';
import { cantonBranchFields, validFields } from './respond';

const paper = 'health-and-social-care';
const constituencies = ['gower', 'arfon', 'llanelli', 'cardiff-west'] as const;

/**
 * A valid response unlike any other: its own name, address and answers (with some Welsh, to
 * check the characters survive), and `reportCount` PDF reports whose bytes are its own. Every
 * third is a branch's response.
 */
export function sampleResponse(serial: number, reportCount = 0): ResponseToSend {
  const own = {
    name: `Respondent ${serial}`,
    email: `respondent.${serial}@example.org`,
    constituency: constituencies[serial % constituencies.length]!,
    [`answer__${paper}`]: `Response ${serial}: more NHS dentists in every health board, a chwarae teg i’r gweithlu gofal.`,
    [`answer__${paper}__workforce`]: serial % 2 === 0 ? `Pay care workers for travel time (${serial}).` : '',
    anythingElse: serial % 5 === 0 ? `Diolch yn fawr — ${serial}` : '',
    consentQuote: serial % 2 === 0 ? 'yes' : 'no',
  };
  const fields = serial % 3 === 0 ? cantonBranchFields({ ...own, constituency: 'cardiff-west' }) : validFields(own);
  return {
    formToken: randomBytes(16).toString('hex'),
    fields,
    reports: Array.from({ length: reportCount }, (_unused, index) => ({
      name: `Adroddiad ${serial} ${index + 1}.pdf`,
      content: pdfFile(`Report ${serial} part ${index + 1}`),
    })),
  };
}

/** What the portal should store for a response: the row's columns and its answers. */
export interface ExpectedSubmission {
  readonly respondentType: string;
  readonly name: string;
  readonly email: string;
  readonly bodyName: string | null;
  readonly roleInBody: string | null;
  readonly constituency: string;
  readonly anythingElse: string | null;
  readonly consentQuote: number;
  readonly answers: readonly { readonly paper: string; readonly section: string | null; readonly body: string }[];
}

export function expectedSubmission({ fields }: ResponseToSend): ExpectedSubmission {
  const field = (name: string): string => {
    const value = fields[name];
    if (typeof value !== 'string') throw new Error(`The sample response has no single ${name}`);
    return value;
  };
  const orNull = (text: string) => (text === '' ? null : text);
  const answers: ExpectedSubmission['answers'] = [
    { paper, section: null, body: field(`answer__${paper}`) },
    { paper, section: 'workforce', body: field(`answer__${paper}__workforce`) },
  ].filter((answer) => answer.body !== '');
  return {
    respondentType: field('respondentType'),
    name: field('name'),
    email: field('email'),
    bodyName: orNull(field('bodyName')),
    roleInBody: orNull(field('roleInBody')),
    constituency: field('constituency'),
    anythingElse: orNull(field('anythingElse')),
    consentQuote: field('consentQuote') === 'yes' ? 1 : 0,
    answers,
  };
}

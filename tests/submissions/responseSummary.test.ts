import path from 'node:path';
import { projectRoot } from '../../server/config';
import { constituencyNamer } from '../../server/consultation/constituencyNames';
import { loadConsultation } from '../../server/consultation/loadConsultation';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import type { Language } from '../../server/platform/vocabulary';
import { createFormatters } from '../../server/platform/i18n/formatters';
import { officerWording } from '../../server/features/workspace/officerWording';
import {
  respondentLine,
  responseSummary,
  typedResponseSummary,
  type SummaryAudience,
  type SummaryWords,
} from '../../server/submissions/responseSummary';
import type { NewSubmission } from '../../server/submissions/submission';

const consultations = loadConsultation(path.join(projectRoot, 'content', 'stage-2'));
const catalogue = createCatalogue();

function wordsIn(language: Language): SummaryWords {
  const t = catalogue.translatorFor(language);
  const consultation = consultations[language];
  return {
    t,
    format: createFormatters(language, t),
    constituencyName: constituencyNamer(consultation, t),
    consultation,
  };
}

const individual: NewSubmission = {
  reference: 'S2-AAAA-BBBB',
  consultation: 'stage-2',
  channel: 'web',
  language: 'en',
  receivedAt: new Date('2020-05-12T09:00:00Z'),
  receivedDay: '2020-05-12',
  createdAt: new Date('2020-05-12T09:00:00Z'),
  enteredBy: null,
  formToken: null,
  sentAfterClose: false,
  attachments: [],
  respondentType: 'individual',
  name: 'Gwen Price',
  email: null,
  bodyName: null,
  roleInBody: null,
  constituency: 'gower',
  answers: [
    { paper: 'health-and-social-care', section: 'workforce', body: 'Pay care workers for travel time.' },
    { paper: 'health-and-social-care', section: null, body: 'More NHS dentists.' },
  ],
  anythingElse: null,
  meetingDate: null,
  meetingAttendance: null,
  consentToQuote: false,
};

const branch: NewSubmission = {
  ...individual,
  channel: 'post',
  language: 'cy',
  sentAfterClose: true,
  respondentType: 'branch',
  name: 'Rhodri Morgan',
  email: 'rhodri@example.org',
  bodyName: 'Canton Branch',
  roleInBody: 'Branch Secretary',
  constituency: 'cardiff-west',
  answers: [],
  anythingElse: 'Buses to hospital.',
  meetingDate: '2020-05-07',
  meetingAttendance: 18,
  consentToQuote: true,
  attachments: [
    { storedName: 'a', originalName: 'Workshop.pdf', mediaType: 'application/pdf', sizeBytes: 2048, risk: null },
    { storedName: 'b', originalName: 'Minutes.docx', mediaType: 'application/msword', sizeBytes: 100, risk: 'macro' },
  ],
};

const rows = (submission: NewSubmission, language: Language, audience: SummaryAudience) =>
  responseSummary(submission, wordsIn(language), audience).rows.map(({ label, value }) => [label, value]);

describe('the response summary', () => {
  test('of a member’s own response, for the respondent: no group, and no group-only questions left unanswered', () => {
    expect(rows(individual, 'en', 'respondent')).toEqual([
      ['Responding as', 'An individual member'],
      ['Your full name', 'Gwen Price'],
      ['Constituency', 'Gower'],
      ['May we quote your response?', 'No'],
    ]);
  });

  test('of a group’s response, for the respondent, in Welsh: the group, its meeting and its reports, with nothing only the officer sees', () => {
    expect(rows(branch, 'cy', 'respondent')).toEqual([
      ['Yn ymateb fel', 'Ar ran Cangen'],
      ['Eich enw llawn', 'Rhodri Morgan'],
      ['Eich cyfeiriad e-bost', 'rhodri@example.org'],
      ["Enw'r Gangen, y CLP, y Grŵp Llafur neu'r sefydliad", 'Canton Branch'],
      ['Eich rôl yn y grŵp', 'Branch Secretary'],
      ['Etholaeth', 'Gorllewin Caerdydd'],
      ['Dyddiad y cyfarfod', 'Dydd Iau 7 Mai 2020'],
      ['Faint o bobl oedd yn bresennol?', '18'],
      ["Adroddiadau wedi'u hatodi", 'Workshop.pdf (2 KB), Minutes.docx (100 beit)'],
      ['A gawn ni ddyfynnu eich ymateb?', 'Cewch'],
    ]);
    const summary = responseSummary(branch, wordsIn('cy'), 'respondent');
    expect(summary.rows.find((row) => row.reports)?.reports?.map((report) => report.warning)).toEqual([null, null]);
    expect(summary.respondingFor).toBe('Canton Branch');
  });

  test('of a group’s response, for the officer, in the officer’s words: how and when it came, its language, and what a report could run', () => {
    const words = wordsIn('en');
    const summary = responseSummary(branch, { ...words, t: officerWording(words.t) }, 'officer');
    expect(summary.rows.map(({ label, value }) => [label, value])).toEqual([
      ['Responding as', 'On behalf of a Branch'],
      ["The respondent's full name", 'Rhodri Morgan'],
      ['Email address', 'rhodri@example.org'],
      ['Name of the Branch, CLP, Labour Group or organisation', 'Canton Branch'],
      ['Their role in it', 'Branch Secretary'],
      ['Constituency', 'Cardiff West'],
      ['Received', '10:00am on Tuesday 12 May 2020 · Post · sent after the close, in the grace period'],
      ['Language', 'Welsh'],
      ['Meeting held on', 'Thursday 7 May 2020'],
      ['How many people attended?', '18'],
      ['Reports attached', 'Workshop.pdf (2 KB), Minutes.docx (100 bytes)'],
      ['May we quote the response?', 'Yes'],
    ]);
    expect(summary.rows.find((row) => row.reports)?.reports?.map((report) => report.warning)).toEqual([
      null,
      expect.stringContaining('this report contains a macro'),
    ]);
    expect(summary.writtenIn).toBe('cy');
    expect(summary.answersHeading).toBe('Answers');
    expect(summary.anythingElse).toEqual({ heading: 'Anything else', body: 'Buses to hospital.' });
    expect(summary.noAnswers).toBeNull();
    expect(responseSummary({ ...branch, anythingElse: null }, wordsIn('en'), 'officer').noAnswers).toBe(
      'No written answers: see the attached reports.',
    );
  });

  test('for the officer, says when no email address was given, and shows a member’s group-only answers only when given', () => {
    expect(rows(individual, 'en', 'officer')).toContainEqual(['Email address', 'None given']);
    expect(rows({ ...individual, meetingAttendance: 12 }, 'en', 'officer')).toContainEqual([
      'How many people attended?',
      '12',
    ]);
    expect(rows({ ...individual, meetingAttendance: 12 }, 'en', 'officer').map(([label]) => label)).not.toContain(
      'Meeting held on',
    );
  });

  test('of a group’s response without a meeting or reports, says so', () => {
    const plain = { ...branch, meetingDate: null, meetingAttendance: null, attachments: [] };
    expect(rows(plain, 'en', 'respondent')).toEqual(
      expect.arrayContaining([
        ['Meeting held on', 'None'],
        ['How many people attended?', 'None'],
        ['Reports attached', 'None'],
      ]),
    );
  });

  test('lists the answers by paper in the consultation’s order, naming an answer to the paper as a whole', () => {
    const summary = responseSummary(individual, wordsIn('en'), 'respondent');
    expect(summary.papers).toEqual([
      {
        title: consultations.en.papers.find((paper) => paper.slug === 'health-and-social-care')!.title,
        answers: [
          { heading: 'Investing in our workforce', body: 'Pay care workers for travel time.' },
          { heading: 'The paper as a whole', body: 'More NHS dentists.' },
        ],
      },
    ]);
    expect(summary).toMatchObject({
      answersHeading: null,
      noAnswers: null,
      anythingElse: null,
      respondingFor: null,
      writtenIn: 'en',
    });
  });
});

describe('the summary of a response as it was typed, not stored', () => {
  test('shows only what was filled in, exactly as typed, with the sections numbered as the form numbers them', () => {
    const summary = typedResponseSummary(
      {
        respondentType: 'branch',
        name: '  Rhodri Morgan ',
        email: '',
        bodyName: 'Canton Branch',
        roleInBody: '',
        constituency: 'cardiff-west',
        meetingDay: '31',
        meetingMonth: '2',
        meetingYear: '',
        meetingAttendance: 'about 20',
        consentQuote: 'maybe',
        'answer__health-and-social-care': 'More NHS dentists.',
        'answer__health-and-social-care__workforce': 'Pay care workers for travel time.',
        anythingElse: '',
      },
      wordsIn('en'),
      'en',
    );
    expect(summary.rows.map((row) => [row.label, row.value])).toEqual([
      ['Responding as', 'On behalf of a Branch'],
      ['Your full name', 'Rhodri Morgan'],
      ['Name of the Branch, CLP, Labour Group or organisation', 'Canton Branch'],
      ['Constituency', 'Cardiff West'],
      ['Meeting held on', '31 / 2 / '],
      ['How many people attended?', 'about 20'],
    ]);
    expect(summary.respondingFor).toBe('Canton Branch');
    expect(summary.papers).toEqual([
      {
        title: 'Health and Social Care',
        answers: [
          { heading: 'The paper as a whole', body: 'More NHS dentists.' },
          { heading: '3. Investing in our workforce', body: 'Pay care workers for travel time.' },
        ],
      },
    ]);
    expect(summary.anythingElse).toBeNull();
    expect(summary.writtenIn).toBe('en');
  });
});

describe('the line that says who a response is from', () => {
  test('names a group only for a group response, with the short name of its type', () => {
    expect(respondentLine(branch, wordsIn('en'))).toBe('Rhodri Morgan · Branch: Canton Branch · Cardiff West');
    expect(respondentLine({ ...individual, bodyName: 'Stray' }, wordsIn('cy'))).toBe('Gwen Price · Unigolyn · Gŵyr');
  });
});

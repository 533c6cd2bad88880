import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import { ContentError, loadConsultation } from '../../server/consultation/loadConsultation';

const shippedContent = path.join(projectRoot, 'content', 'stage-2');

describe('the shipped Stage 2 consultation', () => {
  const consultation = loadConsultation(shippedContent).en;

  test('closes at the end of Monday 15 June 2020 in London (23:59:59 BST)', () => {
    expect(consultation.closesAt.toISOString()).toBe('2020-06-15T22:59:59.999Z');
  });

  test('says how to respond by email and by post', () => {
    expect(consultation.howToRespond.email).toBe('welshlabourpolicy@labour.org.uk');
    expect(consultation.howToRespond.emailSubject).toBe('STAGE 2 POLICY CONSULTATION');
    expect(consultation.howToRespond.postalAddress.join(', ')).toContain('1 Cathedral Road, Cardiff, CF11 9HA');
  });

  test('has the Health and Social Care paper with its foreword, nine sections, quotes and questions', () => {
    expect(consultation.papers.map((paper) => paper.slug)).toEqual(['health-and-social-care']);
    const [paper] = consultation.papers;
    expect(paper!.foreword?.signedBy).toBe('Mark Drakeford');
    expect(paper!.sections).toHaveLength(9);
    expect(paper!.sections.flatMap((section) => section.quotes)).toHaveLength(7);
    expect(paper!.sections.flatMap((section) => section.quotes).map((quote) => quote.attribution)).toContain(
      'Preseli Pembrokeshire CLP',
    );
    for (const section of paper!.sections) {
      expect(section.questions.length).toBeGreaterThanOrEqual(2);
      expect(section.questions.length).toBeLessThanOrEqual(4);
    }
  });

  test('is free of the PDF extraction artefacts', () => {
    const allText = JSON.stringify(consultation);
    expect(allText).not.toMatch(/\b(defi|affi|fl|fi|offi|signifi|benefi) [a-z]/);
    expect(allText).not.toMatch(/HEALTH AND SOCIAL CARE \d/);
  });

  test('has the event guide with what a good workshop report contains', () => {
    const guide = consultation.guides.find((candidate) => candidate.slug === 'event-guide');
    expect(guide?.sections.map((section) => section.slug)).toEqual([
      'organising-your-event',
      'at-the-meeting',
      'what-a-good-workshop-report-contains',
    ]);
  });

  test('lists the 40 constituencies of Wales', () => {
    expect(consultation.constituencies).toHaveLength(40);
    expect(new Set(consultation.constituencies.map((constituency) => constituency.slug)).size).toBe(40);
  });

  test('renders Markdown without letting raw HTML through', () => {
    expect(consultation.introductionHtml).toMatch(/^<p>Rather than setting out/);
  });
});

describe('a broken content file stops the start with a message naming the file, the field and the problem', () => {
  let contentDir: string;
  beforeEach(() => {
    contentDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-content-')), 'stage-2');
    fs.cpSync(shippedContent, contentDir, { recursive: true });
  });
  afterEach(() => fs.rmSync(path.dirname(contentDir), { recursive: true, force: true }));

  const paperFile = () => path.join(contentDir, 'papers', 'health-and-social-care.yaml');
  const edit = (file: string, change: (text: string) => string) =>
    fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
  const loadError = (): string => {
    try {
      loadConsultation(contentDir);
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return (error as Error).message;
    }
    throw new Error('The content loaded, but should not have');
  };

  test('a section without questions', () => {
    edit(paperFile(), (text) => text.replace(/ {4}questions:\n( {6}- .*\n)+/, '    questions: []\n'));
    expect(loadError()).toBe(
      'stage-2/papers/health-and-social-care.yaml: sections.0.questions: must ask at least one question for discussion',
    );
  });

  test('a missing title', () => {
    edit(paperFile(), (text) => text.replace(/^title: .*\n/m, ''));
    expect(loadError()).toContain('stage-2/papers/health-and-social-care.yaml: title:');
  });

  test('a deadline that is not a date', () => {
    edit(path.join(contentDir, 'consultation.yaml'), (text) =>
      text.replace('closesOn: "2020-06-15"', 'closesOn: "15 June"'),
    );
    expect(loadError()).toBe(
      'stage-2/consultation.yaml: closesOn: must be a date written as YYYY-MM-DD, such as "2020-06-15"',
    );
  });

  test('a field the loader does not know, such as a misspelling', () => {
    edit(paperFile(), (text) => text.replace(/^summary:/m, 'sumary: x\nsummary:'));
    expect(loadError()).toContain(
      'stage-2/papers/health-and-social-care.yaml: (the whole file): Unrecognized key: "sumary"',
    );
  });

  test('a slug that does not match the file name', () => {
    fs.renameSync(paperFile(), path.join(contentDir, 'papers', 'health.yaml'));
    expect(loadError()).toBe(
      'stage-2/papers/health.yaml: slug: is "health-and-social-care" but must match the file name, "health"',
    );
  });

  test('YAML that does not parse', () => {
    edit(paperFile(), (text) => `${text}\n  bad: [unclosed\n`);
    expect(loadError()).toMatch(/^stage-2\/papers\/health-and-social-care.yaml: this is not valid YAML: /);
  });

  test('a new topic paper is picked up by adding a file', () => {
    fs.writeFileSync(
      path.join(contentDir, 'papers', 'housing.yaml'),
      [
        'slug: housing',
        'title: Housing',
        'summary: Homes for everyone.',
        'sections:',
        '  - slug: social-housing',
        '    title: Social housing',
        '    body: Build more council homes.',
        '    questions:',
        '      - Is this the right direction of travel?',
      ].join('\n'),
    );
    expect(loadConsultation(contentDir).en.papers.map((paper) => paper.slug)).toEqual([
      'health-and-social-care',
      'housing',
    ]);
  });

  test('a Welsh paper must have the same sections as the English', () => {
    fs.writeFileSync(
      path.join(contentDir, 'papers', 'health-and-social-care.cy.yaml'),
      fs.readFileSync(paperFile(), 'utf8').replace('slug: investment-in-services', 'slug: buddsoddi'),
    );
    expect(loadError()).toMatch(
      /^stage-2\/papers\/health-and-social-care.cy.yaml: sections: must have the same section slugs, in the same order, as the English \(investment-in-services, /,
    );
  });
});

describe('the Welsh version', () => {
  const { en, cy } = loadConsultation(shippedContent);

  test('has the consultation’s own words and the guides in Welsh', () => {
    expect(cy.language).toBe('cy');
    expect(cy.title).not.toBe(en.title);
    expect(cy.organisation).toBe('Llafur Cymru');
    expect(cy.guides.map((guide) => [guide.slug, guide.language])).toEqual([
      ['event-guide', 'cy'],
      ['stage-2-and-next-steps', 'cy'],
    ]);
    expect(cy.constituencies.find((constituency) => constituency.slug === 'gower')?.name).toBe('Gŵyr');
  });

  test('has the paper’s title, section titles and questions in Welsh, and its text in English until that is translated', () => {
    const [paper] = cy.papers;
    expect(paper).toMatchObject({
      slug: 'health-and-social-care',
      language: 'cy',
      bodyLanguage: 'en',
      title: 'Iechyd a Gofal Cymdeithasol',
    });
    expect(paper!.sections.map((section) => section.slug)).toEqual(
      en.papers[0]!.sections.map((section) => section.slug),
    );
    expect(
      paper!.sections.every(
        (section) =>
          section.bodyLanguage === 'en' &&
          section.bodyHtml === en.papers[0]!.sections.find((english) => english.slug === section.slug)!.bodyHtml,
      ),
    ).toBe(true);
    expect(paper!.sections.flatMap((section) => section.questions)).toHaveLength(31);
    expect(
      paper!.sections
        .flatMap((section) => section.questions)
        .filter((question) => en.papers[0]!.sections.some((english) => english.questions.includes(question))),
    ).toEqual([]);
    expect(paper!.foreword).toMatchObject({
      title: 'Y ffordd at 2021',
      bodyLanguage: 'en',
      signedBy: 'Mark Drakeford',
    });
  });

  test('lists the constituencies in the order of their Welsh names, by the Welsh alphabet', () => {
    const names = cy.constituencies.map((constituency) => constituency.name);
    expect(names.slice(0, 6)).toEqual([
      'Aberafan',
      'Aberconwy',
      'Alun a Glannau Dyfrdwy',
      'Arfon',
      'Blaenau Gwent',
      'Bro Morgannwg',
    ]);
    // Bridgend is Pen-y-bont ar Ogwr: in English order it came straight after Brecon and Radnorshire.
    expect(names.indexOf('Pen-y-bont ar Ogwr')).toBe(names.indexOf('Ogwr') + 1);
    expect(names.at(-1)).toBe('Ynys Môn');
    expect(names).toEqual([...names].sort(new Intl.Collator('cy').compare));
    expect(en.constituencies.map((constituency) => constituency.name)[4]).toBe('Blaenau Gwent');
  });

  test('keeps what cannot be translated: dates, the email address, the subject line', () => {
    expect(cy.closesAt).toEqual(en.closesAt);
    expect(cy.howToRespond.email).toBe(en.howToRespond.email);
    expect(cy.howToRespond.emailSubject).toBe('STAGE 2 POLICY CONSULTATION');
  });
});

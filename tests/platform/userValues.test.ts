import { createTestPortal, type TestPortal } from '../support/testPortal';
import { docxFile, pdfFile } from '../support/files';
import { errorSummary, escapeHtml, keptReportNames, message, shownValue } from '../support/formPage';
import { addOfficer, signIn } from '../support/officer';
import { deliveredReceipt } from '../support/receipts';
import { cantonBranchFields, openForm, postResponse, validFields } from '../support/respond';

/** What people type that looks like i18next's own syntax: a nested message and a placeholder. */
const nested = '$t(errors.csrf.title)';
const fileName = `${nested} {{detectedKind}}.pdf`;
const name = `${nested} {{name}}`;
const bodyName = `{{bodyName}} ${nested}`;

describe('the catalogue never interprets a value', () => {
  test.each([
    ['en', `${fileName} is really a Word file (.docx): rename it to match, or attach the file you meant to`],
    [
      'cy',
      `Mewn gwirionedd, ffeil Word (.docx) yw ${fileName}: ailenwch y ffeil i gyfateb, neu atodwch y ffeil roeddech chi'n bwriadu ei hatodi`,
    ],
  ] as const)('in a message that nests one of its own (%s)', (language, expected) => {
    expect(message('respond.errors.reports.nameDoesNotMatch', { fileName, detectedKind: 'docx' }, language)).toBe(
      expected,
    );
  });

  test('in a plain message', () => {
    expect(message('admin.submission.onBehalfOf', { body: bodyName })).toBe(`for ${bodyName}`);
    expect(message('respond.reports.kept.remove', { fileName: '{{size}}.pdf', size: '1 KB' })).toBe(
      'Remove {{size}}.pdf (1 KB)',
    );
  });
});

describe('names and file names that look like message syntax', () => {
  let portal: TestPortal;
  beforeEach(() => {
    portal = createTestPortal();
  });
  afterEach(() => portal.close());

  test('are shown as typed on the form, in its messages and in its kept reports', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const shown = await postResponse(agent, csrf, validFields({ name }), [
      { name: fileName, content: docxFile() },
      { name: `${nested}.pdf`, content: pdfFile() },
    ]).expect(400);
    expect(errorSummary(shown.text)).toContain(
      escapeHtml(`${fileName} is really a Word file (.docx): rename it to match`),
    );
    expect(keptReportNames(shown.text)).toEqual([escapeHtml(`${nested}.pdf`)]);
    expect(shownValue(shown.text, 'name')).toBe(escapeHtml(name));
  });

  test('are written as typed in the receipt and on the officer’s page', async () => {
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(agent, csrf, cantonBranchFields({ name, bodyName }), [
      { name: `{{fileName}} ${nested}.pdf`, content: pdfFile() },
    ]).expect(303);
    const { id, reference } = portal.db.prepare('SELECT id, reference FROM submissions').get() as {
      id: number;
      reference: string;
    };
    const receipt = await deliveredReceipt(portal, id);
    for (const typed of [name, bodyName, `{{fileName}} ${nested}.pdf`]) expect(receipt.text).toContain(typed);
    await addOfficer(portal);
    const officer = await signIn(portal.app);
    expect((await officer.agent.get(`/admin/submissions/${reference}`).expect(200)).text).toContain(
      escapeHtml(`for ${bodyName}`),
    );
  });
});

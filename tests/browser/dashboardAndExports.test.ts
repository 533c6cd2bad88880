import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../server/config';
import { ReviewRepository } from '../../server/submissions/reviewRepository';
import { SubmissionRepository } from '../../server/submissions/submissionRepository';
import { loadCorpus } from '../../server/features/demo/corpus';
import { asNewSubmission, DemoSubmissions } from '../../server/features/demo/demoSubmissions';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';

/** Demo responses from March 2020 into 2021: a chart of more than a year. */
const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  const { consultation } = portal.services;
  const period = { from: new Date('2020-03-02T09:00:00Z'), to: new Date('2021-02-26T17:00:00Z') };
  const demo = new DemoSubmissions(consultation, loadCorpus(path.join(projectRoot, 'bench', 'corpus')), period, 300, 3);
  const submissions = new SubmissionRepository(portal.db);
  const reviews = new ReviewRepository(portal.db);
  for (let made = 0; made < 300; made += 1) {
    const response = demo.next();
    const id = submissions.insert(asNewSubmission(response, consultation.slug, response.reference, []));
    reviews.setStatus(id, response.status);
  }
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${suite.baseUrl}/admin`);
  await page.getByLabel('Email address').fill(officerEmail);
  await page.getByLabel('Password').fill(officerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${suite.baseUrl}/admin`);
}

test('over more than a year the dashboard chart is drawn by week, its dates different and dated, its table by the same weeks, in English and Welsh', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  const chart = page.locator('#per-day + .chart-container svg');
  const labels = await chart.locator('.chart__date-label').allTextContents();
  expect(labels.length).toBeGreaterThanOrEqual(4);
  expect(labels.length).toBeLessThanOrEqual(8);
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels[0]).toBe('2 Mar 2020');
  expect(labels.at(-1)).toMatch(/ 2021$/);
  const bars = await chart.locator('.chart__bar').count();
  expect(bars).toBeGreaterThan(50);
  expect(bars).toBeLessThan(60);
  expect(await page.locator('#per-day').textContent()).toBe('Responses per week');
  await page.getByText('Show the numbers').click();
  expect(await page.locator('details table th').first().textContent()).toBe('Week beginning');
  expect(await page.locator('details table tbody td').first().textContent()).toBe('Monday 2 March 2020');
  await suite.accessibility.expectNoViolations(page, 'dashboard by week, with its numbers');

  await page.goto(`${suite.baseUrl}/admin?lang=cy`);
  expect(await page.locator('#per-day').textContent()).toBe('Ymatebion fesul wythnos');
  expect((await chart.locator('.chart__date-label').allTextContents())[0]).toBe('2 Maw 2020');
  await page.getByText('Dangos y niferoedd').click();
  expect(await page.locator('details table th').first().textContent()).toBe('Wythnos yn dechrau');
  await suite.accessibility.expectNoViolations(page, 'dangosfwrdd fesul wythnos');
  await context.close();
}, 60_000);

test('the officer downloads the filtered list as CSV, Excel and a ZIP, each named by its filters', async () => {
  const context = await suite.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${suite.baseUrl}/admin/submissions?status=flagged`);
  const download = async (link: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
    return { name: file.suggestedFilename(), path: await file.path() };
  };

  const csv = await download('Download these as CSV');
  expect(csv.name).toBe('stage-2-responses-status-flagged-2020-05-12.csv');
  const [header, firstRow] = fs.readFileSync(csv.path, 'utf8').split('\r\n');
  expect(header).toContain('Health and Social Care: Investing in our workforce');
  expect(firstRow).toContain(',Flagged,');

  const xlsx = await download('Download these as Excel');
  expect(xlsx.name).toBe('stage-2-responses-status-flagged-2020-05-12.xlsx');
  const sheet = (await new ExcelJS.Workbook().xlsx.readFile(xlsx.path)).getWorksheet('Responses')!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
  expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);

  expect((await download('Download their reports as a ZIP')).name).toBe(
    'stage-2-reports-status-flagged-2020-05-12.zip',
  );
  await context.close();
}, 60_000);

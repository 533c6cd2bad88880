import { createCatalogue } from '../../server/platform/i18n/catalogue';
import type { Language } from '../../server/platform/vocabulary';
import { messageLimits } from '../../server/submissions/messageLimits';

const catalogue = createCatalogue(messageLimits);

/** A message from the catalogue, as the person reads it. */
export function message(key: string, values: Record<string, string | number> = {}, language: Language = 'en'): string {
  return catalogue.translatorFor(language)(key, values);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** Text as the views print it with `<%= %>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);
}

/** The error summary's list, or '' when the page has none. */
export function errorSummary(html: string): string {
  const start = html.indexOf('class="error-summary"');
  return start === -1 ? '' : html.slice(start, html.indexOf('</ul>', start));
}

/** The fields the error summary links to, in order. */
export function summaryLinks(html: string): string[] {
  return [...errorSummary(html).matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);
}

/**
 * Every value the form holds, as the markup has it (escaped): text inputs, checked radios and
 * boxes, textareas and selected options. Escaped markup has no raw quote or angle bracket, so
 * the patterns cannot overrun a value.
 */
export function formValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
    const unchecked = /\stype="(radio|checkbox)"/.test(tag) && !/\schecked[\s>]/.test(tag);
    if (name !== undefined && value !== undefined && !unchecked) values[name] = value;
  }
  for (const [, name, text] of html.matchAll(/<textarea\b[^>]*\sname="([^"]*)"[^>]*>([^<]*)<\/textarea>/g))
    values[name!] = text!;
  for (const [, name, options] of html.matchAll(/<select\b[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(options!)?.[1];
    if (selected !== undefined) values[name!] = selected;
  }
  return values;
}

/** What the form holds for one field, or null when nothing is typed there or chosen. */
export const shownValue = (html: string, field: string): string | null => formValues(html)[field] ?? null;

/** The names of the reports kept for the form, as shown (escaped), from "Remove report.pdf (12 KB)". */
export function keptReportNames(html: string): string[] {
  return [...html.matchAll(/for="remove-[0-9a-f]{32}">(?:Remove|Tynnu) (.*?) \([^()]*\)<\/label>/g)].map(
    (match) => match[1]!,
  );
}

export const heldIdIn = (html: string): string | undefined => /name="heldId" value="([0-9a-f]{32})"/.exec(html)?.[1];

/** Script elements in the page other than the portal's own scripts: there must be none. */
export const foreignScripts = (html: string): number =>
  (html.match(/<script\b/gi) ?? []).length - (html.match(/<script src="\/assets\//g) ?? []).length;

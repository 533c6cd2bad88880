import { snippetEnd, snippetStart } from '../../submissions/submissionList';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/**
 * A search snippet as HTML: everything the respondent wrote is escaped first, and only then are
 * the search engine's markers (control characters no response can contain) turned into <mark>.
 */
export function highlightSnippet(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (character) => htmlEscapes[character]!)
    .replaceAll(snippetStart, '<mark>')
    .replaceAll(snippetEnd, '</mark>');
}

import fs from 'node:fs';
import path from 'node:path';

export interface Corpus {
  readonly english: readonly string[];
  readonly welsh: readonly string[];
}

const welshFile = 'welsh-sentences.txt';

/** Splits running text into sentences long enough to read as something a member wrote. */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z“"‘'])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.split(' ').length >= 6 && /[.!?]$/.test(sentence));
}

/**
 * Realistic text for demo responses: the English documents in `folder` (articles, manifestos
 * and debate about social care), and Welsh sentences one a line in welsh-sentences.txt.
 */
export function loadCorpus(folder: string): Corpus {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.txt'));
  const read = (name: string) => fs.readFileSync(path.join(folder, name), 'utf8');
  const english = files.filter((name) => name !== welshFile).flatMap((name) => sentencesOf(read(name)));
  const welsh = read(welshFile)
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (english.length === 0 || welsh.length === 0) throw new Error(`No text to make responses from in ${folder}`);
  return { english, welsh };
}

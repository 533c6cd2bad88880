/** What the soft mutation turns each mutable opening into; longest first, so that "ll" is not read as "l". */
const softMutations: readonly (readonly [string, string])[] = [
  ['ll', 'l'],
  ['rh', 'r'],
  ['p', 'b'],
  ['t', 'd'],
  ['c', 'g'],
  ['b', 'f'],
  ['d', 'dd'],
  ['g', ''],
  ['m', 'f'],
];

/** Letters of the Welsh alphabet that begin with a mutable letter but are letters of their own, and do not mutate. */
const unmutatedLetters = ['ch', 'dd', 'ff', 'ph', 'th'];

/**
 * The soft mutation (treiglad meddal) of a Welsh word: "dydd" becomes "ddydd", "papur" "bapur",
 * "llinell" "linell". The case of the first letter is kept. Words that do not mutate come back as
 * they are.
 */
export function softMutation(word: string): string {
  const lower = word.toLowerCase();
  if (unmutatedLetters.some((letter) => lower.startsWith(letter))) return word;
  const rule = softMutations.find(([from]) => lower.startsWith(from));
  if (!rule) return word;
  const [from, to] = rule;
  const mutated = to + word.slice(from.length);
  const capital = word[0] !== undefined && word[0] !== word[0].toLowerCase();
  return capital && mutated !== '' ? mutated[0]!.toUpperCase() + mutated.slice(1) : mutated;
}

/**
 * Hours that Welsh reads with a vowel first, however the number is read: un (1), wyth (8), un ar
 * ddeg or un deg un (11), un ar bymtheg or un deg chwech (16). "And" before them is "ac", not "a".
 */
const hoursReadWithAVowel = new Set([1, 8, 11, 16]);

/** Welsh "and" before a number of hours: "5 diwrnod ac 1 awr", "2 ddiwrnod a 3 awr". */
export function andBeforeHours(hours: number): 'a' | 'ac' {
  return hoursReadWithAVowel.has(hours) ? 'ac' : 'a';
}

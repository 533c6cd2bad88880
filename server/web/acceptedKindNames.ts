import type { Translate } from '../platform/i18n/catalogue';
import { softMutation } from '../platform/i18n/welshMutations';
import { languages, locales, type Language } from '../platform/vocabulary';
import { acceptedKinds, type AcceptedKind } from '../submissions/reports/fileInspector';

type KindFamily = (typeof acceptedKinds)[AcceptedKind]['family'];

/** Each family with its kinds, in the order the inspector lists them: word → [DOCX, DOC]. */
const kindsByFamily = new Map<KindFamily, string[]>();
for (const [kind, { family }] of Object.entries(acceptedKinds)) {
  kindsByFamily.set(family, [...(kindsByFamily.get(family) ?? []), kind.toUpperCase()]);
}

const alternativesIn = new Map(
  languages.map((language) => [language, new Intl.ListFormat(locales[language], { type: 'disjunction' })]),
);

/**
 * The kinds of report the portal accepts as a person would list them: "PDF, Word (DOCX or DOC),
 * …, or a photo or scan (JPEG, PNG or HEIC)".
 */
export function acceptedKindNames(t: Translate, language: Language): string {
  const alternatives = alternativesIn.get(language)!;
  const names = [...kindsByFamily].map(([family, kinds]) =>
    t(`respond.reports.acceptedKinds.${family}`, { kinds: alternatives.format(kinds) }),
  );
  const last = names.pop() ?? '';
  // Welsh mutates the word after "neu" (or): "neu lun". A name in capitals, such as PDF or Word, keeps its form.
  const mutated = language === 'cy' && /^\p{Ll}/u.test(last) ? softMutation(last) : last;
  return t('respond.reports.acceptedKinds.list', { others: names.join(', '), last: mutated });
}

import { walesWide, type Consultation } from './consultation';
import type { Translate } from '../platform/i18n/catalogue';

/** Names a stored constituency as the interface does in `t`'s language, Wales-wide responses included. */
export function constituencyNamer(consultation: Consultation, t: Translate): (slug: string) => string {
  const names = new Map(consultation.constituencies.map((constituency) => [constituency.slug, constituency.name]));
  return (slug) => (slug === walesWide ? t('respond.constituency.walesWide') : (names.get(slug) ?? slug));
}

/**
 * Names stored constituencies in the consultation's language and in that language's alphabetical
 * order, which its list is in ("Pen-y-bont ar Ogwr" among the Ps in Welsh). A name stored by an
 * older version, rather than a constituency's slug, is kept as it is, after them.
 */
export function constituencyLister(consultation: Consultation): (slugs: readonly string[]) => string[] {
  const known = new Set(consultation.constituencies.map((constituency) => constituency.slug));
  return (slugs) => {
    const wanted = new Set(slugs);
    return [
      ...consultation.constituencies
        .filter((constituency) => wanted.has(constituency.slug))
        .map((constituency) => constituency.name),
      ...slugs.filter((slug) => !known.has(slug)),
    ];
  };
}

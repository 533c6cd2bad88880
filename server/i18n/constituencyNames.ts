import type { Consultation } from '../content/consultation';
import { walesWide } from '../services/submission';
import type { Translate } from './catalogue';

/** Names a stored constituency as the interface does in `t`'s language, Wales-wide responses included. */
export function constituencyNamer(consultation: Consultation, t: Translate): (slug: string) => string {
  const names = new Map(consultation.constituencies.map((constituency) => [constituency.slug, constituency.name]));
  return (slug) => (slug === walesWide ? t('respond.constituency.walesWide') : (names.get(slug) ?? slug));
}

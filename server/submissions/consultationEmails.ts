import type { LocalisedConsultation } from '../consultation/loadConsultation';
import { constituencyLister, constituencyNamer } from '../consultation/constituencyNames';
import { EmailRenderer } from '../mail/emailRenderer';
import { createCatalogue } from '../platform/i18n/catalogue';
import { messageLimits } from './messageLimits';
import type { Language } from '../platform/vocabulary';
import { createFormatters } from '../platform/i18n/formatters';

type Catalogue = ReturnType<typeof createCatalogue>;

function commonData(catalogue: Catalogue, consultations: LocalisedConsultation, baseUrl: string, language: Language) {
  const t = catalogue.translatorFor(language);
  const consultation = consultations[language];
  return {
    t,
    language,
    format: createFormatters(language, t),
    consultation,
    baseUrl,
    constituencyName: constituencyNamer(consultation, t),
    constituencyNames: constituencyLister(consultation),
  };
}

/** What every email about the consultation is written with in a language: its words, formatters, and the consultation's own words. */
export type ConsultationEmailCommon = ReturnType<typeof commonData>;

/** The portal's emails: in the reader's language, each subject after the consultation's name. */
export type ConsultationEmails = EmailRenderer<ConsultationEmailCommon>;

export function consultationEmails(consultations: LocalisedConsultation, baseUrl: string): ConsultationEmails {
  const catalogue = createCatalogue(messageLimits);
  return new EmailRenderer({
    commonFor: (language) => commonData(catalogue, consultations, baseUrl, language),
    // In capitals, in the reader's language: STAGE 2 POLICY CONSULTATION, YMGYNGHORIAD POLISI CAM 2.
    subjectLine: ({ consultation, language }, subject) =>
      `${consultation.title.toLocaleUpperCase(language)}: ${subject}`,
  });
}

import type { LocalisedConsultation } from '../../consultation/loadConsultation';
import type { Language } from '../../platform/vocabulary';

/** A constituency as a list of them offers it: its slug and its name in one language. */
export interface ConstituencyChoice {
  readonly slug: string;
  readonly name: string;
}

const asWritten = (text: string) => text.normalize('NFKC').trim().toLocaleLowerCase('en-GB').replace(/\s+/g, ' ');

/**
 * The consultation's constituencies as the register reads and names them. An import may name a
 * constituency by its slug or by its English or Welsh name, in any case, as a membership
 * system's export names it.
 */
export class ConstituencyDirectory {
  private readonly slugsByName = new Map<string, string>();
  private readonly namesBySlug: Readonly<Record<Language, ReadonlyMap<string, string>>>;

  constructor(private readonly consultations: LocalisedConsultation) {
    this.namesBySlug = {
      en: new Map(consultations.en.constituencies.map(({ slug, name }) => [slug, name])),
      cy: new Map(consultations.cy.constituencies.map(({ slug, name }) => [slug, name])),
    };
    for (const { slug, name } of [...consultations.en.constituencies, ...consultations.cy.constituencies]) {
      this.slugsByName.set(asWritten(slug), slug);
      this.slugsByName.set(asWritten(name), slug);
    }
  }

  /** The slug of the constituency a file names, or null when it names none of them. */
  slugFor(written: string): string | null {
    return this.slugsByName.get(asWritten(written)) ?? null;
  }

  isKnown(slug: string): boolean {
    return this.namesBySlug.en.has(slug);
  }

  nameOf(slug: string, language: Language): string {
    return this.namesBySlug[language].get(slug) ?? slug;
  }

  /** Every constituency, in the language's alphabetical order. */
  choices(language: Language): readonly ConstituencyChoice[] {
    return this.consultations[language].constituencies;
  }
}

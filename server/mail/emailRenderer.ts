import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { projectRoot } from '../config';
import type { MessageValues, Translate } from '../platform/i18n/catalogue';
import type { Language } from '../platform/vocabulary';
import type { BuiltMessage } from './builtMessage';

export type EmailData = Readonly<Record<string, unknown>>;

/** What every email's templates are given in its reader's language, and its user adds to. */
export interface EmailCommon {
  readonly language: Language;
  readonly t: Translate;
}

export interface EmailRendererOptions<Common extends EmailCommon> {
  /** What every email in a language is written with; made once a language. */
  readonly commonFor: (language: Language) => Common;
  /** The subject as sent, from the message's own: for example after the sender's name. */
  readonly subjectLine: (common: Common, subject: string) => string;
}

type Template = (data: EmailData) => string;

const viewsDir = path.join(projectRoot, 'views');

function compile(fileName: string): Template {
  const filename = path.join(viewsDir, 'emails', fileName);
  // With `root`, a template includes a partial by its path in the views folder, as pages do.
  return ejs.compile(fs.readFileSync(filename, 'utf8'), { filename, root: viewsDir, views: [viewsDir] });
}

/**
 * Writes emails, each with an HTML part and a plain-text part in its reader's language, from the
 * templates views/emails/<name>.html.ejs and <name>.text.ejs.
 */
export class EmailRenderer<Common extends EmailCommon> {
  private readonly templates = new Map<string, { readonly html: Template; readonly text: Template }>();
  private readonly commonByLanguage = new Map<Language, Common>();

  constructor(private readonly options: EmailRendererOptions<Common>) {}

  /**
   * The email `name` in `language`, its subject the message `subjectKey`; `dataFor` gives its
   * templates what they show besides the common data, written with that data.
   */
  render(
    name: string,
    language: Language,
    subject: { key: string; values?: MessageValues },
    dataFor: (common: Common) => EmailData,
  ): BuiltMessage {
    const common = this.commonData(language);
    const template = this.template(name);
    const data = { ...common, ...dataFor(common) };
    return {
      subject: this.options.subjectLine(common, common.t(subject.key, subject.values)),
      text: template.text(data),
      html: template.html(data),
    };
  }

  private commonData(language: Language): Common {
    let common = this.commonByLanguage.get(language);
    if (!common) {
      common = this.options.commonFor(language);
      this.commonByLanguage.set(language, common);
    }
    return common;
  }

  private template(name: string) {
    let template = this.templates.get(name);
    if (!template) {
      template = { html: compile(`${name}.html.ejs`), text: compile(`${name}.text.ejs`) };
      this.templates.set(name, template);
    }
    return template;
  }
}

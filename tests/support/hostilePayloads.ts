/** The answer box for the whole Health and Social Care paper, and one of its sections. */
export const paperAnswer = 'answer__health-and-social-care';
export const sectionAnswer = 'answer__health-and-social-care__workforce';

/** A value the form must refuse, with the message the person should get at that field. */
export interface RefusedValue {
  readonly label: string;
  readonly field: string;
  /** Bytes when the case is about bytes that are not valid UTF-8. */
  readonly payload: string | Buffer;
  readonly key: string;
  readonly values?: Record<string, string | number>;
  /** Sent as a Branch's response, for the fields only a group fills in. */
  readonly asGroup?: boolean;
  /** What the form shows back when it is not the payload itself; null for a choice left unmade. */
  readonly shown?: string | null;
  /** Too long to be read whole: the form shows back as much as was read. */
  readonly cutOff?: boolean;
}

const replaced = '\uFFFD';
const megabyte = 'x'.repeat(1024 * 1024);
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

type Unkeyed = Omit<RefusedValue, 'key'>;

/** Cases of one problem, each with its field's message; the answer boxes share one. */
function refusedAs(problem: 'unreadable' | 'tooLong', cases: Unkeyed[]): RefusedValue[] {
  return cases.map((value) => {
    const isAnswer = value.field.startsWith('answer__');
    const limit = isAnswer && problem === 'tooLong' ? { values: { max: 50_000 } } : {};
    return { ...value, key: `respond.errors.${isAnswer ? 'answer' : value.field}.${problem}`, ...limit };
  });
}

/** Email addresses refused with `key`; `shown` says how the form shows one back, if not as sent. */
function emailCases(
  key: string,
  cases: readonly (readonly [label: string, payload: string])[],
  shown?: (payload: string) => string,
): RefusedValue[] {
  return cases.map(([label, payload]) => ({
    label: `email: ${label}`,
    field: 'email',
    payload,
    key,
    ...(shown ? { shown: shown(payload) } : {}),
  }));
}

// Line breaks in the address would become headers of the receipt, if the address were used.
const headerInjections = emailCases(
  'respond.errors.email.unreadable',
  [
    ['a Bcc header after CRLF', 'carys@example.org\r\nBcc: everyone@example.com'],
    ['a Subject header after a bare LF', 'carys@example.org\nSubject: You have won'],
    ['a To header after a bare CR', 'carys@example.org\rTo: victim@example.com'],
    ['a CRLF at the end', 'carys@example.org\r\n'],
    ['a second message after a blank line', 'carys@example.org\r\n\r\nHello from the portal'],
    ['a NUL', 'carys@example.org\u0000.evil.example'],
  ],
  (payload) => payload.replace(/[\u0000\r\n]/g, replaced),
);

const malformedEmails = emailCases('respond.errors.email.invalid', [
  ['encoded CRLF, as typed', 'carys@example.org%0D%0ABcc:everyone@example.com'],
  ['two addresses with a comma', 'carys@example.org, everyone@example.com'],
  ['two addresses with a semicolon', 'carys@example.org;everyone@example.com'],
  ['a display name', 'Carys Evans <carys@example.org>'],
  ['no @', 'carys.example.org'],
  ['a space', 'carys evans@example.org'],
  ['a script as the local part', '<script>alert(1)</script>@example.org'],
  ['SQL after the address', "carys@example.org' OR '1'='1"],
]);

const unreadableText = refusedAs('unreadable', [
  { label: 'name: a NUL', field: 'name', payload: 'Carys\u0000Evans', shown: `Carys${replaced}Evans` },
  { label: 'name: nothing but a NUL', field: 'name', payload: '\u0000', shown: replaced },
  {
    label: 'name: CRLF and a header',
    field: 'name',
    payload: 'Carys\r\nBcc: everyone@example.com',
    shown: `Carys${replaced}${replaced}Bcc: everyone@example.com`,
  },
  {
    label: 'name: a terminal escape sequence',
    field: 'name',
    payload: '\u001b[2J\u001b[31mCarys',
    shown: `${replaced}[2J${replaced}[31mCarys`,
  },
  { label: 'name: DEL', field: 'name', payload: 'Carys\u007f', shown: `Carys${replaced}` },
  { label: 'name: a C1 control (NEL)', field: 'name', payload: 'Carys\u0085Evans', shown: `Carys${replaced}Evans` },
  {
    label: 'name: invalid UTF-8',
    field: 'name',
    payload: bytes('Car', [0xc3, 0x28], 'ys'),
    shown: `Car${replaced}(ys`,
  },
  { label: 'name: Latin-1, not UTF-8', field: 'name', payload: bytes('Gw', [0xea], 'yr'), shown: `Gw${replaced}yr` },
  {
    label: 'name: an overlong slash',
    field: 'name',
    payload: bytes('..', [0xc0, 0xaf], 'etc'),
    shown: `..${replaced}${replaced}etc`,
  },
  {
    label: 'name: an encoded half of a character',
    field: 'name',
    payload: bytes('Carys', [0xed, 0xa0, 0x80]),
    shown: `Carys${replaced.repeat(3)}`,
  },
  {
    label: 'name: a character cut short',
    field: 'name',
    payload: bytes('Carys', [0xe2, 0x82]),
    shown: `Carys${replaced}`,
  },
  {
    label: 'bodyName: a vertical tab',
    field: 'bodyName',
    asGroup: true,
    payload: 'Canton\u000bBranch',
    shown: `Canton${replaced}Branch`,
  },
  {
    label: 'roleInBody: a form feed',
    field: 'roleInBody',
    asGroup: true,
    payload: 'Secretary\u000c',
    shown: `Secretary${replaced}`,
  },
  {
    label: 'answer: a NUL',
    field: paperAnswer,
    payload: 'More dentists\u0000 please',
    shown: `More dentists${replaced} please`,
  },
  {
    label: 'answer: invalid UTF-8',
    field: sectionAnswer,
    payload: bytes('Pay carers ', [0xff, 0xfe], 'fairly'),
    shown: `Pay carers ${replaced}${replaced}fairly`,
  },
  {
    label: 'anythingElse: a terminal escape',
    field: 'anythingElse',
    payload: 'Buses\u001b[0m',
    shown: `Buses${replaced}[0m`,
  },
]);

const tooLong = refusedAs('tooLong', [
  { label: 'name: 201 characters', field: 'name', payload: 'C'.repeat(201) },
  { label: 'name: 1 MB', field: 'name', payload: megabyte, cutOff: true },
  { label: 'email: 255 characters', field: 'email', payload: `${'c'.repeat(243)}@example.org` },
  { label: 'bodyName: 201 characters', field: 'bodyName', asGroup: true, payload: 'B'.repeat(201) },
  { label: 'roleInBody: 101 characters', field: 'roleInBody', asGroup: true, payload: 'R'.repeat(101) },
  { label: 'answer: 50,001 characters', field: paperAnswer, payload: 'a'.repeat(50_001) },
  { label: 'answer: 1 MB', field: sectionAnswer, payload: megabyte, cutOff: true },
  {
    label: 'answer: 1 MB of Welsh, cut inside a character',
    field: paperAnswer,
    payload: 'ŵ'.repeat(512 * 1024),
    cutOff: true,
  },
  { label: 'anythingElse: 1 MB', field: 'anythingElse', payload: megabyte, cutOff: true },
]);

// A choice from outside the list leaves the choice unmade; a number or date is shown as typed.
const unmadeChoice = (label: string, field: string, payload: string): RefusedValue => ({
  label: `${field}: ${label}`,
  field,
  payload,
  key: `respond.errors.${field}.missing`,
  shown: null,
});
const mistyped = (label: string, field: string, payload: string, key: string): RefusedValue => ({
  label: `${field}: ${label}`,
  field,
  payload,
  key,
});
const notInTheList: RefusedValue[] = [
  unmadeChoice('a type not offered', 'respondentType', 'administrator'),
  unmadeChoice('a script', 'respondentType', '<script>alert(1)</script>'),
  unmadeChoice('a path', 'constituency', '../../etc/passwd'),
  unmadeChoice('SQL', 'constituency', "gower' OR '1'='1"),
  unmadeChoice('neither yes nor no', 'consentQuote', 'maybe'),
  unmadeChoice('yes and a NUL', 'consentPrivacy', 'yes\u0000'),
  mistyped('SQL', 'meetingAttendance', '12; DROP TABLE submissions', 'respond.errors.meetingAttendance.invalid'),
  mistyped('negative', 'meetingAttendance', '-1', 'respond.errors.meetingAttendance.invalid'),
  mistyped('full-width digits', 'meetingAttendance', '１２', 'respond.errors.meetingAttendance.invalid'),
  mistyped('an exponent', 'meetingAttendance', '1e3', 'respond.errors.meetingAttendance.invalid'),
  mistyped('a script', 'meetingDay', '<script>', 'respond.errors.meetingDate.invalid'),
];

/** Values that are not right for their field, each refused with a message that says what to do. */
export const refusedValues: readonly RefusedValue[] = [
  ...headerInjections,
  ...malformedEmails,
  ...unreadableText,
  ...tooLong,
  ...notInTheList,
];

/** Text a member may well type, which the portal must keep, store and show exactly as typed. */
export interface OrdinaryText {
  readonly label: string;
  readonly field: string;
  readonly payload: string;
  readonly asGroup?: boolean;
}

const markup: OrdinaryText[] = [
  { label: 'a script element', field: 'name', payload: '<script>alert(document.cookie)</script>' },
  { label: 'breaking out of an attribute', field: 'name', payload: '"><script>alert(1)</script>' },
  { label: 'a double-quoted event handler', field: 'bodyName', asGroup: true, payload: '" onmouseover="alert(1)" x="' },
  {
    label: 'a single-quoted event handler',
    field: 'roleInBody',
    asGroup: true,
    payload: "' onfocus='alert(1)' autofocus='",
  },
  { label: 'breaking out of a textarea', field: paperAnswer, payload: '</textarea><script>alert(1)</script>' },
  { label: 'an image with an error handler', field: 'anythingElse', payload: '<img src=x onerror=alert(1)>' },
  { label: 'an SVG with a load handler', field: sectionAnswer, payload: '<svg/onload=alert(1)>' },
  { label: 'a javascript: address', field: 'name', payload: 'javascript:alert(1)' },
  { label: 'an unclosed comment and CDATA', field: paperAnswer, payload: '<!-- <![CDATA[ ]]>' },
  {
    label: 'an iframe with srcdoc',
    field: paperAnswer,
    payload: '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  },
  { label: 'entities already escaped', field: paperAnswer, payload: '&lt;script&gt; &amp; &#60;b&#62; &#x3C;' },
  {
    label: 'an EJS tag',
    field: paperAnswer,
    payload: '<%= process.env.COOKIE_SECRET %> <%- include("/etc/passwd") %>',
  },
  { label: 'a client-side template', field: 'name', payload: "{{constructor.constructor('alert(1)')()}}" },
  { label: 'template literals', field: 'anythingElse', payload: '${7*7} #{7*7} ${{7*7}}' },
  { label: 'an i18next nesting', field: 'name', payload: '$t(errors.csrf.title) {{reference}}' },
];

const sql: OrdinaryText[] = [
  { label: 'DROP TABLE', field: 'name', payload: "'; DROP TABLE submissions;--" },
  { label: 'a stacked DELETE', field: paperAnswer, payload: "Robert'); DELETE FROM submissions WHERE ('1'='1" },
  { label: 'OR 1=1 in double quotes', field: 'bodyName', asGroup: true, payload: '" OR "1"="1' },
  {
    label: 'LIKE wildcards and full-text operators',
    field: paperAnswer,
    payload: '%\' OR 1=1 -- _ NEAR("a" "b") AND * OR -x ^y',
  },
  { label: 'an apostrophe in an email address', field: 'email', payload: "o'brien+consultation@example.org" },
];

const scripts: OrdinaryText[] = [
  { label: 'emoji with skin tones, ZWJ and the Welsh flag', field: paperAnswer, payload: 'Gwasanaeth 🏥👩🏽‍⚕️🏴󠁧󠁢󠁷󠁬󠁳󠁿 da' },
  { label: 'an emoji in a name', field: 'name', payload: 'Carys 🌈 Evans' },
  { label: 'combining characters, not normalised', field: 'name', payload: 'Gwe\u0302n Ll\u0177r' },
  { label: 'stacked combining marks', field: 'anythingElse', payload: 'Z̷̢̛̠a̶̡͙l̵̰̈g̸̣̈́o̴̲͝' },
  {
    label: 'Welsh diacritics',
    field: paperAnswer,
    payload: 'Ŵyr, ŷ, â, ê, î, ô, û, ŵ, ï, ë, á: mae angen deintyddion yn Sir Gâr',
  },
  { label: "a Welsh group's name", field: 'bodyName', asGroup: true, payload: "Cangen Llanelli a'r Cylch" },
  { label: 'Arabic, right to left', field: paperAnswer, payload: 'نحن بحاجة إلى المزيد من أطباء الأسنان' },
  { label: 'Hebrew mixed with English', field: 'name', payload: 'שלום NHS 123' },
  { label: 'Chinese, Japanese and Korean', field: 'roleInBody', asGroup: true, payload: '中文 日本語 한국어' },
  { label: 'mathematical letters outside the BMP', field: 'name', payload: '𝕮𝖆𝖗𝖞𝖘' },
  { label: 'zero-width characters', field: paperAnswer, payload: 'a\u200bb\u200cc\u200dd\ufeffe' },
  { label: 'a right-to-left override', field: sectionAnswer, payload: 'Report \u202etxt.exe\u202c here' },
  { label: 'a Cyrillic look-alike', field: 'name', payload: 'Cаrys Evаns' },
  { label: 'line and paragraph separators', field: paperAnswer, payload: 'one\u2028two\u2029three' },
  { label: 'Windows line breaks and tabs', field: 'anythingElse', payload: 'Line one\r\nLine two\r\n\tIndented' },
];

const oddButHarmless: OrdinaryText[] = [
  { label: 'the word null', field: 'name', payload: 'null' },
  { label: '__proto__ as a value', field: 'bodyName', asGroup: true, payload: '__proto__' },
  {
    label: 'JSON that pollutes prototypes',
    field: paperAnswer,
    payload: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
  },
  {
    label: 'a spreadsheet formula',
    field: paperAnswer,
    payload: '=HYPERLINK("http://attacker.example","Click") @SUM(1+1) +1 -1',
  },
  { label: 'shell commands', field: 'anythingElse', payload: '$(rm -rf /) `id` | cat /etc/passwd; echo $HOME' },
  { label: 'a path', field: paperAnswer, payload: '../../../../etc/passwd C:\\Windows\\System32' },
  {
    label: 'an XML external entity',
    field: paperAnswer,
    payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
  },
  { label: 'format specifiers', field: 'name', payload: '%s%s%s%n %x %d' },
  { label: 'percent-encoding', field: 'name', payload: '%3Cscript%3E%00%0D%0A' },
  { label: 'exactly the longest name', field: 'name', payload: 'Ŵ'.repeat(200) },
  { label: 'exactly the longest answer', field: sectionAnswer, payload: 'ŵ'.repeat(50_000) },
];

/** Text as members type it, however strange it looks: kept, stored and shown exactly, and escaped wherever it is shown. */
export const ordinaryText: readonly OrdinaryText[] = [...markup, ...sql, ...scripts, ...oddButHarmless];

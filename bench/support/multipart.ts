import { randomBytes } from 'node:crypto';

/** Where a value that must differ on every request sits in a request body. */
export interface BodyTemplate {
  readonly contentType: string;
  readonly body: Buffer;
  readonly tokenOffset: number;
}

const tokenPlaceholder = '0'.repeat(32);

/**
 * A multipart/form-data body as a browser sends the response form. `formToken` is left as a
 * placeholder at a known offset, so each request can carry a new one cheaply.
 */
export function multipartTemplate(
  fields: Record<string, string>,
  files: readonly { field: string; name: string; type: string; content: Buffer }[],
): BodyTemplate {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ ...fields, formToken: tokenPlaceholder })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body,
    tokenOffset: body.indexOf(`name="formToken"\r\n\r\n${tokenPlaceholder}`) + `name="formToken"\r\n\r\n`.length,
  };
}

/** A copy of the body with a new form token in it. */
export function withNewToken(template: BodyTemplate): Buffer {
  const body = Buffer.from(template.body);
  body.write(randomBytes(16).toString('hex'), template.tokenOffset, 'latin1');
  return body;
}

import type { FastifyInstance } from 'fastify';
import { csrfFrom, mergeCookies, type Visitor } from './sign-in.ts';

export interface UploadedFile {
  name: string;
  content: Buffer;
  type: string;
}

/** A multipart/form-data body with fields (in order) and then the file, as a browser sends it. */
export function multipartBody(fields: Record<string, string>, file?: UploadedFile): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----send-outcomes-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Loads `formPage` as `visitor` for its CSRF token, then posts `fields` (after `_csrf`) and the file to `url`
 * as multipart/form-data, keeping the cookies the answer sets.
 */
export async function postMultipart(app: FastifyInstance, visitor: Visitor, url: string, fields: Record<string, string>, file?: UploadedFile, formPage = url) {
  const token = csrfFrom((await visitor.get(formPage)).body);
  const body = multipartBody({ _csrf: token, ...fields }, file);
  const res = await app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: visitor.cookies } });
  visitor.cookies = mergeCookies(visitor.cookies, res.headers['set-cookie']);
  return res;
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const stylesheet = fileURLToPath(new URL('./styles/app.scss', import.meta.url));

/** Where govuk-frontend's compiled files and assets live. */
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');

export interface CompiledCss {
  css: string;
  version: string;
}

/**
 * Compiles our Sass (govuk-frontend with our font stack) once per change of the stylesheet or of
 * govuk-frontend, caching the result in .cache/ so servers and tests start in milliseconds.
 */
export async function compiledCss(): Promise<CompiledCss> {
  const frontendVersion = (JSON.parse(readFileSync(join(govukDist, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  const version = createHash('sha256').update(readFileSync(stylesheet)).update(frontendVersion).digest('hex').slice(0, 12);
  const cacheDir = join(root, '.cache');
  const cached = join(cacheDir, `app-${version}.css`);
  if (existsSync(cached)) return { css: readFileSync(cached, 'utf8'), version };
  const sass = await import('sass');
  const result = sass.compile(stylesheet, { loadPaths: [join(root, 'node_modules')], style: 'compressed', quietDeps: true, silenceDeprecations: ['import'] });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, result.css);
  return { css: result.css, version };
}

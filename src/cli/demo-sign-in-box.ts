import type { DemoSignIn } from '../examples.ts';

/**
 * The demonstration sign-ins as a framed block of plain ASCII (any terminal shows it), printed once after start-up on
 * stderr, apart from the JSON log lines on stdout. Each sign-in keeps the form "as <email> with the password <p>".
 */
export function demoSignInBox(url: string, signIns: readonly DemoSignIn[]): string {
  const lines = [
    'Demo administrators (shown once; on this embedded database only)',
    '',
    ...signIns.flatMap((s) => [`${s.partnership}: sign in at ${url}/sign-in`, `  as ${s.email} with the password ${s.password}`]),
    '',
    'A new password later: npm run --silent cli -- users reset-link --email <email>',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule, ''].join('\n');
}

// Worker-thread entry of the returns parser (see parse-pool.ts). Plain JavaScript so it starts without a
// TypeScript loader: it registers tsx, as bin/send-outcomes.js does, then loads the parser's thread side.
import { register } from 'tsx/esm/api';

register();
await import('./parse-thread.ts');

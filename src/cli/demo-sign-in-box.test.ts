import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSignInBox } from './demo-sign-in-box.ts';

describe('demoSignInBox', () => {
  it('frames every sign-in in one box of equal-width lines', () => {
    const box = demoSignInBox('http://localhost:3000', [
      { partnership: 'Essex', email: 'demo-admin@essex.example', password: 'abc' },
      { partnership: 'Southend-on-Sea', email: 'demo-admin@southend-on-sea.example', password: 'xyz' },
    ]);
    const lines = box.split('\n').filter(Boolean);
    assert.equal(new Set(lines.map((l) => l.length)).size, 1, 'every line is as wide as the frame');
    assert.match(lines[0]!, /^\+-+\+$/);
    assert.equal(lines.at(-1), lines[0]);
    assert.ok(lines.slice(1, -1).every((l) => l.startsWith('| ') && l.endsWith(' |')));
    assert.match(box, /\| Southend-on-Sea: sign in at http:\/\/localhost:3000\/sign-in +\|\n\| {3}as demo-admin@southend-on-sea\.example with the password xyz +\|/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionRag } from './action-rag.ts';

const today = '2025-06-15';

describe('actionRag', () => {
  it('keeps a complete action complete, even past its due date', () => {
    assert.equal(actionRag({ status: 'complete', dueOn: '2025-01-01' }, [], today).rag, 'complete');
  });
  it('rates an action past its due date red, with the days overdue', () => {
    assert.deepEqual(actionRag({ status: 'on-track', dueOn: '2025-06-05' }, [], today), { rag: 'red', reason: 'Overdue by 10 days', cause: 'overdue' });
  });
  it('treats the due date itself as not yet overdue', () => {
    assert.equal(actionRag({ status: 'on-track', dueOn: today }, [], today).rag, 'green');
  });
  it('rates off track red and at risk amber', () => {
    assert.equal(actionRag({ status: 'off-track', dueOn: null }, [], today).rag, 'red');
    assert.equal(actionRag({ status: 'at-risk', dueOn: '2026-01-01' }, [], today).rag, 'amber');
  });
  it('rates amber when a milestone is past due and not completed', () => {
    const result = actionRag({ status: 'on-track', dueOn: '2026-01-01' }, [{ dueOn: '2025-06-01', completedOn: null }, { dueOn: '2025-05-01', completedOn: '2025-05-02' }], today);
    assert.deepEqual(result, { rag: 'amber', reason: '1 milestone past due', cause: 'milestone-late' });
  });
  it('rates a not-started action amber within 28 days of its due date and green before that', () => {
    assert.equal(actionRag({ status: 'not-started', dueOn: '2025-07-13' }, [], today).rag, 'amber');
    assert.equal(actionRag({ status: 'not-started', dueOn: '2025-07-14' }, [], today).rag, 'green');
  });
  it('does not rate a not-started action with no due date', () => {
    assert.equal(actionRag({ status: 'not-started', dueOn: null }, [], today).rag, 'not-rated');
  });
});

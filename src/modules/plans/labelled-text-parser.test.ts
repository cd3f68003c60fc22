import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseLabelledText, splitSentences } from './labelled-text-parser.ts';
import { PlanFileError } from './plan-file-error.ts';

const southend = readFileSync(new URL('../../../examples/southend-recommendation-2.txt', import.meta.url), 'utf8');

function problemsOf(text: string): string[] {
  try {
    parseLabelledText(text);
  } catch (error) {
    assert.ok(error instanceof PlanFileError);
    return error.problems.map((p) => `${p.location}: ${p.message}`);
  }
  assert.fail('expected the text to be refused');
}

describe('parseLabelledText on the Southend seed', () => {
  const plan = parseLabelledText(southend, { title: 'Southend plan' });
  const priority = plan.priorities[0]!;

  it('reads one recommendation with its text as the finding', () => {
    assert.equal(plan.priorities.length, 1);
    assert.equal(priority.title, 'Recommendation 2');
    assert.equal(priority.kind, 'recommendation');
    assert.match(priority.finding!, /^The local area partnership should evaluate the quality and impact/);
  });

  it('reads 14 outcomes, each with all five fields', () => {
    assert.equal(priority.outcomes.length, 14);
    for (const outcome of priority.outcomes) {
      for (const field of ['whatWeWant', 'whatWeWillDo', 'whereAreWeNow', 'whatWeWillSee', 'differenceThisWillMake'] as const) {
        assert.ok(outcome[field] && outcome[field]!.length > 10, `${outcome.statement}: ${field} is empty`);
      }
    }
  });

  it('keeps continuation lines with the field above (the alternative provision pilots)', () => {
    const ap = priority.outcomes[7]!;
    assert.match(ap.whereAreWeNow!, /Commissioned two \(2\) pilots focussing on children with:\n- emerging SEMH and\n- those with longer term SEMH needs/);
  });

  it('reads "Eight (8) schools" as a baseline of 8 schools for the MHST outcome', () => {
    const mhst = priority.outcomes[12]!;
    assert.deepEqual(mhst.measures![0]!.baseline, { text: 'Eight (8) schools in Southend currently have a MHST practitioner.', value: 8, unit: 'schools' });
  });

  it('makes each "What we will do" sentence an action, numbered through the plan', () => {
    assert.deepEqual(priority.outcomes[0]!.actionRefs, ['A1', 'A2']);
    assert.equal(plan.actions!.length, 20);
    assert.equal(plan.actions![0]!.title, "Roll out 'every child a talker' support programme to all wards across the city.");
  });
});

describe('parseLabelledText on malformed text', () => {
  it('refuses text before the first heading, naming the line', () => {
    assert.deepEqual(problemsOf('Some text\nRecommendation 1'), [
      'line 1: expected a heading such as "Recommendation 2" before any other text',
      'line 2: "Recommendation 1" has no outcome (no "What we want:" line)',
    ]);
  });

  it('names each missing field of an outcome', () => {
    const problems = problemsOf('Recommendation 1\nWhat we want: a\nWhat we will do: b\nWhere are we now: c\n');
    assert.deepEqual(problems, ['line 2: the outcome that starts here has no "What we will see:" text', 'line 2: the outcome that starts here has no "The difference this will make:" text']);
  });

  it('refuses a field given twice, and a field before "What we want:"', () => {
    assert.ok(problemsOf('Recommendation 1\nWhat we will do: x').some((p) => p.includes('must come after "What we want:"')));
    assert.ok(problemsOf('Recommendation 1\nWhat we want: a\nWhat we want: b').length > 0);
    assert.ok(problemsOf('Recommendation 1\nWhat we want: a\nWhat we will do: b\nWhat we will do: c').some((p) => p.includes('appears twice')));
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks but not inside a bracketed number', () => {
    assert.deepEqual(splitSentences('One thing. Two (2) things.\nThree'), ['One thing.', 'Two (2) things.', 'Three']);
  });
});

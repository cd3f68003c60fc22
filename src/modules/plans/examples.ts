/**
 * The example plans shipped with the product: the two public seed documents, loaded on first
 * start. Essex is a flattened web table, transcribed once into the plan-file format (see
 * docs/adr/0004-seed-plans.md); Southend is read straight from its text by the labelled-text importer.
 */
export const EXAMPLE_PLANS = [
  {
    id: 'essex-send-improvement-programme',
    file: 'examples/essex-send-improvement-outcomes.plan.yaml',
    partnership: { slug: 'essex', name: 'Essex local area SEND partnership' },
    options: {},
  },
  {
    id: 'southend-send-strategic-action-plan',
    file: 'examples/southend-recommendation-2.txt',
    partnership: { slug: 'southend-on-sea', name: 'Southend-on-Sea SEND Area Partnership' },
    options: {
      title: 'SEND Area Partnership strategic action plan: Recommendation 2',
      area: 'Southend-on-Sea',
    },
  },
] as const;

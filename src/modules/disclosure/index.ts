/**
 * The partnership's disclosure policy (issue 12 item 4): {@link DisclosurePolicyService}`.threshold(partnershipId)`
 * is THE threshold for anything shown to people other than analysts (casework indicator pages), and
 * `effectiveThreshold(partnershipId, own)` the one a measure is shown with (its own, never below the policy).
 */
export { DisclosurePolicyService, DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD, MAX_DISCLOSURE_THRESHOLD, type DisclosureActor } from './disclosure-policy-service.ts';
export { DisclosurePolicyRepository } from './disclosure-policy-repository.ts';
export { registerDisclosurePolicyRoutes, DISCLOSURE_POLICY_ACCESS } from './disclosure-policy-routes.ts';
export { validateDisclosureForm } from './disclosure-policy-forms.ts';

/**
 * Moved to helpers/fixtures.ts. Re-exported for activation.test.ts, which is being reworked
 * elsewhere and still imports this path; delete this file once that test moves to
 * core/serving/routing-simulation.test.ts.
 */
export * from './helpers/fixtures.ts';

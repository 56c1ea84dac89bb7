/** Running the CLI in a test: the message of the usage error an invocation throws. */
import { UsageError } from '../../../src/cli/load-model.ts';
import { run } from '../../../src/cli/run.ts';

/** The message of the UsageError `run(argv)` throws; fails the test when it throws none. */
export function usageError(argv: string[]): string {
  try {
    run(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

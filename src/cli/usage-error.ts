/**
 * A problem with what the user gave the CLI (an argument, an option, a file): the entry prints
 * its message as one line on stderr and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

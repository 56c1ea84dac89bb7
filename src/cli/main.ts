/**
 * CLI entry: npm run --silent cli -- <command> ...
 * Every outcome comes from runCliAsync (run.ts), which catches everything: bad input prints one
 * line on stderr and exits with code 2, a bug one "internal error" line and exit code 1. The
 * stack of a bug is printed only with MOE_DEBUG=1. A model id is read from the Hub (--hub-url,
 * else HF_ENDPOINT, else huggingface.co) before the count; files and presets are read as before.
 */
import { runCliAsync } from './run.ts';

const { stdout, stderr, code } = await runCliAsync(
  process.argv.slice(2),
  process.env,
  process.env.MOE_DEBUG === '1',
);
// A reader that stops early (`| head`) closes the pipe: end quietly, not with an EPIPE stack.
process.stdout.on('error', () => process.exit(code));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;

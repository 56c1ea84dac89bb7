// Preloaded into a CLI process under test (helpers/cli.ts `spawnCli`): at exit, writes the
// process's CPU time (user + system, seconds) to the file named by MOE_TEST_CPU_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.MOE_TEST_CPU_FILE, String((user + system) / 1e6));
});

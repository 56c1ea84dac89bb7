/**
 * This process's CPU time (user + system), in ms: for the unit tests' "stays fast" bounds
 * (regressions to quadratic loops took seconds to minutes). Time spent waiting for a core is not
 * in it, so another process loading the machine does not fail a bound; the timing gates proper,
 * against a baseline measured in the same run, are in tests/perf.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

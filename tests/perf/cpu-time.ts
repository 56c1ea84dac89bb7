/**
 * CPU time of code run in this process, for timing tests that hold on a busy machine.
 *
 * Wall time (performance.now) counts the time a process waits for a core: with another
 * `npm test` beside it on 2 cores, a batch that takes 200 µs of work can take milliseconds.
 * process.cpuUsage() (user + system time of this process) counts only the time it ran. The
 * functions are measured interleaved, batch by batch, together with an empty function (the
 * no-op) whose cost, the loop and the cpuUsage() call itself, is subtracted from the others.
 *
 * CPU time still moves a little with the machine (another process sharing the core's caches,
 * the clock speed), and V8 does not always optimize code the same way; the reference workload
 * below, measured in the same rounds, gives a figure independent of the machine's speed.
 */

/** Results escape here, so V8 cannot drop a call whose value is unused. */
const sink: { value: unknown } = { value: undefined };

/** CPU time this process has used, user + system, in microseconds. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export interface CpuTiming<Name extends string> {
  /** Median CPU time of one call, µs, the no-op's subtracted. */
  cpu: Record<Name, number>;
  /** Median wall time of one call, µs, the no-op's subtracted (printed, not asserted). */
  wall: Record<Name, number>;
  /** Median over the rounds of a's CPU time over b's in the same round. */
  ratio: (a: Name, b: Name) => number;
  /** CPU time of one call of the no-op, µs. */
  noop: number;
}

/**
 * Measures each function in `rounds` rounds of `batch` calls (a batch smooths the clocks'
 * resolution, the median ignores garbage collections), after `warmup` calls each.
 */
export function measureCpu<Name extends string>(
  fns: Record<Name, () => unknown>,
  { rounds = 200, batch = 50, warmup = 500 } = {},
): CpuTiming<Name> {
  const names = Object.keys(fns) as Name[];
  const noop = () => undefined;
  const all: (readonly [string, () => unknown])[] = [
    ['noop', noop],
    ...names.map((n) => [n, fns[n]] as const),
  ];
  for (const [, fn] of all) for (let i = 0; i < warmup; i++) sink.value = fn();
  const cpu = new Map(all.map(([n]) => [n, [] as number[]]));
  const wall = new Map(all.map(([n]) => [n, [] as number[]]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of all) {
      const c0 = cpuMicros();
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) sink.value = fn();
      const t1 = performance.now();
      const c1 = cpuMicros();
      cpu.get(name)!.push((c1 - c0) / batch);
      wall.get(name)!.push(((t1 - t0) * 1000) / batch);
    }
  }
  const noopCpu = median(cpu.get('noop')!);
  const noopWall = median(wall.get('noop')!);
  const net = (name: Name) => cpu.get(name)!.map((t) => Math.max(t - noopCpu, 1e-3));
  return {
    cpu: Object.fromEntries(names.map((n) => [n, median(net(n))])) as Record<Name, number>,
    wall: Object.fromEntries(names.map((n) => [n, median(wall.get(n)!) - noopWall])) as Record<
      Name,
      number
    >,
    ratio: (a, b) => {
      const x = net(a);
      const y = net(b);
      return median(x.map((t, i) => t / y[i]!));
    },
    noop: noopCpu,
  };
}

/**
 * A fixed workload of the same kind as the code under test (small objects, arithmetic, an
 * array walk), to compare against: 5 to 8 µs on the 2-core test machine.
 */
export function referenceWorkload(): number {
  const rows: { index: number; attention: number; experts: number; total: number }[] = [];
  for (let i = 0; i < 400; i++) {
    const attention = 4 * 4096 * (4096 + i);
    const experts = 3 * 4096 * (i + 1);
    rows.push({ index: i, attention, experts, total: attention + experts });
  }
  let sum = 0;
  for (const row of rows) sum += row.total - row.index;
  return sum;
}

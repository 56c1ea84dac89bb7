/**
 * Collective communication timed as NCCL's own tuner times it: a latency per algorithm and
 * protocol plus bytes over the algorithm's bandwidth, and the least of these is the one NCCL
 * runs. Every constant is NCCL's default (src/graph/tuning.cc, `ncclTunerConstantsDefaults` and
 * `ncclTopoTuneModel`, NCCL 2.27): base latencies per algorithm and protocol, hardware latencies
 * per hop over NVLink, PCIe and the network, and the bandwidth share each protocol reaches.
 *
 * Left out, and why: NVLS (NVLink SHARP) and CollNet need switch support that a rented node
 * may not expose, and pay off only for large messages, where the ring's bandwidth term already
 * holds; NCCL's per-architecture caps on LL bandwidth bind only at sizes where LL is not chosen.
 */

/** The links of one collective: inside a scale-up domain, and between domains (nodes). */
export interface Fabric {
  /** Ranks in the collective. */
  ranks: number;
  /** Scale-up domains (nodes) the ranks span: ranks / ranks per domain. */
  nodes: number;
  /** 'nvlink' for NVLink, NVSwitch or xGMI; 'pci' when peers meet over PCIe. */
  intra: 'nvlink' | 'pci';
  /** Per-direction bandwidth of one rank inside the domain, bytes/s. */
  intraBytesPerSecond: number;
  /** Per-direction network bandwidth of one rank to other domains, bytes/s. */
  netBytesPerSecond: number;
}

export type Algorithm = 'ring' | 'tree' | 'one-shot';
export type Protocol = 'LL' | 'LL128' | 'Simple';

export interface CollectiveTime {
  seconds: number;
  latencySeconds: number;
  algorithm: Algorithm;
  protocol: Protocol;
}

const US = 1e-6;
const PROTOCOLS: readonly Protocol[] = ['LL', 'LL128', 'Simple'];

/** NCCL `baseLatencies`, microseconds, [LL, LL128, Simple]. */
const BASE_US: Record<'ring' | 'tree', readonly number[]> = {
  tree: [6.8, 14.0, 8.4],
  ring: [6.6, 14.0, 8.4],
};

/** NCCL `hwLatencies`, microseconds per step, [LL, LL128, Simple]. */
const HOP_US: Record<'nvlink' | 'pci' | 'net', Record<'ring' | 'tree', readonly number[]>> = {
  nvlink: { tree: [0.6, 1.25, 4.0], ring: [0.6, 1.9, 3.4] },
  pci: { tree: [1.0, 1.9, 4.0], ring: [1.0, 2.5, 5.7] },
  net: { tree: [5.0, 8.5, 14], ring: [2.7, 4.0, 14.0] },
};

/**
 * Measured over tuned latency across nodes: a 128-byte all-reduce between H100 nodes took 61.58 us
 * where NCCL's tuner predicted 25.21 us (its own NCCL_DEBUG=INFO line beside the nccl-tests row,
 * NVIDIA/nccl #1453). The tuner's latencies are its lower bounds; across nodes the network's
 * software path (proxy thread, RDMA completion) adds the rest, so collectives that cross nodes
 * take their tuned latency times this ratio.
 */
export const NET_MEASURED_OVER_TUNED = 61.58 / 25.21;

/** NCCL `getNetOverhead` on x86: a ring's intra-node step costs at least this once it crosses nodes, microseconds (x3 for Simple). */
const NET_OVERHEAD_US = 1.0;

/**
 * The bus bandwidth a protocol reaches, as a share of the link (NCCL `ncclTopoTuneModel`,
 * "various model refinements"): LL sends 8-byte lines with a 4-byte flag, LL128 keeps 120 of 128
 * bytes, a tree all-reduce 92%, the tree's LL 1/3.8 and its LL128 7/9 inside a node.
 */
function protocolShare(a: 'ring' | 'tree', p: Protocol, nodes: number): number {
  if (a === 'ring') return p === 'LL' ? 0.5 : p === 'LL128' ? 0.92 : 1;
  const tree = 0.92;
  if (p === 'LL') return tree / 3.8;
  if (p === 'LL128') return tree * (nodes === 1 ? 7 / 9 : 120 / 128);
  return tree;
}

function log2Floor(n: number): number {
  return Math.floor(Math.log2(n));
}

/** The bus bandwidth of the slowest link a collective crosses, bytes/s. */
function busBytesPerSecond(f: Fabric): number {
  return f.nodes > 1 ? Math.min(f.intraBytesPerSecond, f.netBytesPerSecond) : f.intraBytesPerSecond;
}

/**
 * One algorithm and protocol: NCCL's latency model (`ncclTopoTuneModel`) and its time,
 * latency + bytes / algorithm bandwidth (`ncclTopoGetAlgoTime`). `steps` is the ring's steps
 * (2 (n - 1) for an all-reduce, n - 1 for an all-gather) and `interSteps` those that cross nodes.
 */
function timeOf(
  f: Fabric,
  a: 'ring' | 'tree',
  p: Protocol,
  bytes: number,
  steps: number,
  interSteps: number,
): CollectiveTime {
  const i = PROTOCOLS.indexOf(p);
  const intraHop = HOP_US[f.intra][a][i]!;
  // A lone rank per node sees the network's whole latency: NCCL takes the tree's then.
  const interHop = f.ranks === f.nodes ? HOP_US.net.tree[i]! : HOP_US.net[a][i]!;
  let latencyUs = BASE_US[a][i]!;
  if (a === 'ring') {
    const overhead = f.nodes > 1 ? NET_OVERHEAD_US * (p === 'Simple' ? 3 : 1) : 0;
    latencyUs += (steps - interSteps) * Math.max(intraHop, overhead) + interSteps * interHop;
  } else {
    const perNode = f.ranks / f.nodes;
    latencyUs += 2 * ((perNode - 1) * intraHop + log2Floor(f.nodes) * interHop);
  }
  // Bus bandwidth to algorithm bandwidth: a ring moves n / steps of the data per step; a tree
  // all-reduce sends everything up and down (x 0.5).
  const ratio = a === 'ring' ? f.ranks / steps : 0.5;
  const algBw = busBytesPerSecond(f) * protocolShare(a, p, f.nodes) * ratio;
  const latencySeconds = latencyUs * US * (f.nodes > 1 ? NET_MEASURED_OVER_TUNED : 1);
  return { seconds: latencySeconds + bytes / algBw, latencySeconds, algorithm: a, protocol: p };
}

function fastest(times: CollectiveTime[]): CollectiveTime {
  return times.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const NONE: CollectiveTime = { seconds: 0, latencySeconds: 0, algorithm: 'ring', protocol: 'LL' };

/**
 * An all-reduce of `bytes` (each rank's buffer) over `f.ranks` ranks: the faster of NCCL's
 * ring (2 (n - 1) steps, 2 (nodes - 1) of them across nodes) and tree (a double binary tree
 * across nodes, a chain inside each), each with its fastest protocol.
 *
 * @example allReduceTime(14336, { ranks: 16, nodes: 2, intra: 'nvlink', intraBytesPerSecond: 450e9, netBytesPerSecond: 50e9 }).seconds
 *   // 2.757e-5: tree, LL, 6.8 + 2 x (7 x 0.6 + 1 x 5.0) us, plus 14,336 B at 50 GB/s x 0.92 / 3.8 x 0.5
 */
export function allReduceTime(bytes: number, f: Fabric): CollectiveTime {
  if (f.ranks <= 1 || bytes <= 0) return NONE;
  const steps = 2 * (f.ranks - 1);
  const inter = f.nodes > 1 ? 2 * (f.nodes - 1) : 0;
  const times: CollectiveTime[] = [];
  for (const p of PROTOCOLS) {
    times.push(timeOf(f, 'ring', p, bytes, steps, inter));
    times.push(timeOf(f, 'tree', p, bytes, steps, inter));
  }
  return fastest(times);
}

/**
 * An all-gather whose result is `bytes` on every rank (each rank brings bytes / n): NCCL's ring,
 * n - 1 steps, nodes - 1 of them across nodes.
 */
export function allGatherTime(bytes: number, f: Fabric): CollectiveTime {
  if (f.ranks <= 1 || bytes <= 0) return NONE;
  const steps = f.ranks - 1;
  const inter = f.nodes > 1 ? f.nodes - 1 : 0;
  return fastest(PROTOCOLS.map((p) => timeOf(f, 'ring', p, bytes, steps, inter)));
}

/** NCCL's tuned latency of one LL message over a link: its base and one hop, seconds. */
export function messageLatencySeconds(link: 'nvlink' | 'pci' | 'net'): number {
  return (BASE_US.ring[0]! + HOP_US[link].ring[0]!) * US;
}

/**
 * One point-to-point message of `bytes` (a pipeline stage's activations): NCCL's base latency and
 * one hop (times the measured ratio over the network), plus bytes over the link it crosses, with
 * LL for small messages and Simple for large ones (whichever is faster).
 */
export function sendTime(
  bytes: number,
  link: 'nvlink' | 'pci' | 'net',
  bytesPerSecond: number,
): CollectiveTime {
  if (bytes <= 0) return NONE;
  const measured = link === 'net' ? NET_MEASURED_OVER_TUNED : 1;
  const times = PROTOCOLS.map((p, i) => {
    const latencySeconds = (BASE_US.ring[i]! + HOP_US[link].ring[i]!) * US * measured;
    return {
      seconds: latencySeconds + bytes / (bytesPerSecond * protocolShare('ring', p, 1)),
      latencySeconds,
      algorithm: 'ring' as const,
      protocol: p,
    };
  });
  return fastest(times);
}

/**
 * The engines' own all-reduce inside an NVLink node (vLLM and SGLang custom all-reduce, TensorRT-
 * LLM's AllReduce plugin): one kernel that reads the peers' buffers over NVLink, no ring. Fitted
 * to SGLang's H100 measurements (sgl-project/sglang #2904, "custom allreduce" table, TP 2/4/8):
 * 3.7 / 4.8 / 5.9 us at 512 bytes and 33.8 us at 1 MiB on TP 8, as (3.8 + 0.3 (n - 1)) us plus
 * bytes at 40 GB/s.
 */
export function customAllReduceTime(bytes: number, ranks: number): CollectiveTime {
  if (ranks <= 1 || bytes <= 0) return NONE;
  const latencySeconds = (3.8 + 0.3 * (ranks - 1)) * US;
  return {
    seconds: latencySeconds + bytes / 40e9,
    latencySeconds,
    algorithm: 'one-shot',
    protocol: 'LL',
  };
}

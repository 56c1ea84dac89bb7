/**
 * How a model is laid out over devices.
 *
 * - `pp` pipeline stages split the layers; each stage has devices / pp devices.
 * - Within a stage, attention, shared experts, dense layers and embeddings are split `tp` ways
 *   (tensor parallel) and replicated dp = devices / (tp x pp) times (data parallel: each replica
 *   serves its share of the batch).
 * - Routed experts are split by expert over `ep` devices when ep > 1 (expert parallel), else
 *   tensor-split `tp` ways like the rest; expert groups are replicated to fill the stage. An ep
 *   below tp splits each expert the other tp / ep ways (SGLang's `--ep-size` under `--tp-size`:
 *   moe_tp_size = tp_size / ep_size, server_args.py; TensorRT-LLM's moe_tp_size x moe_ep_size).
 *
 * By default every device of a stage is in one tensor-parallel group (tp = devices / pp, ep = 1),
 * or, when the attention heads do not divide that evenly, the largest group that divides both
 * (Llama 4's 40 heads on 16 devices: tp 8, dp 2). DeepSeek's serving layout is tp 1,
 * ep = devices (attention data-parallel, experts split).
 *
 * Devices sit in nodes of `gpusPerNode`; ranks are numbered node by node, so a group of n
 * consecutive ranks spans ceil(n / gpusPerNode) nodes. Inside a node they share the scale-up
 * fabric (NVLink, xGMI or PCIe); between nodes, the network. A rack-scale fabric (GB200 NVL72:
 * 72 GPUs in trays of 4) spans nodes: its domain is the fabric's, not the tray's.
 */
import { ConfigError } from '../model/errors.ts';
import { checkLimit } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';

export interface ParallelLayout {
  devices: number;
  tp: number;
  ep: number;
  pp: number;
  /** Data-parallel replicas of the tensor-parallel part: devices / (tp x pp). */
  dp: number;
  /**
   * Devices the routed experts are split over, by expert and by tensor: tp without expert
   * parallelism, else the larger of ep and tp (each of the ep groups splits its experts tp / ep ways).
   */
  expertShards: number;
  /** Nodes of the deployment: ceil(devices / gpusPerNode). */
  nodes: number;
  /** Devices per node. */
  gpusPerNode: number;
  /** Devices that reach each other over the scale-up fabric: the node's, or a rack's (NVL72). */
  scaleUpDomain: number;
}

/**
 * Whether a layout runs data-parallel attention: replicas of the attention (dp > 1) whose routed
 * experts are split across them (ep > tp), as SGLang's `--enable-dp-attention` with its experts
 * over all the devices, TensorRT-LLM's attention DP and vLLM's data parallelism with EP do. Each
 * replica then waits for the others at every MoE layer.
 */
export function dataParallelAttention(layout: Pick<ParallelLayout, 'dp' | 'tp' | 'ep'>): boolean {
  return layout.dp > 1 && layout.ep > layout.tp;
}

/**
 * The largest node a device comes in: 8 for HGX, MI300X and PCIe servers; a rack-scale fabric
 * (scaleUpDomain > 8) comes in trays of 4 (GB200 NVL72: 18 trays of 4 GPUs).
 */
export function defaultGpusPerNode(fabricDomain: number): number {
  return fabricDomain > 8 ? 4 : Math.max(1, fabricDomain);
}

/** Devices sharing the scale-up fabric: a rack-scale fabric's whole domain, else one node. */
export function scaleUpDomainOf(fabricDomain: number, gpusPerNode: number): number {
  return fabricDomain > 8 ? fabricDomain : Math.min(fabricDomain, gpusPerNode);
}

/** "the 8 devices", "the 1 device": the count a layout must divide. */
const theDevices = (n: number) => `the ${n} device${n === 1 ? '' : 's'}`;

/** Resolves and checks a layout; throws ConfigError naming the parameter that does not fit. */
export function resolveLayout(
  spec: ModelSpec,
  options: {
    devices: number;
    tp?: number | undefined;
    ep?: number | undefined;
    pp?: number | undefined;
    nodes?: number | undefined;
    gpusPerNode?: number | undefined;
  },
  /** The device's scale-up fabric: devices it joins (Device.scaleUpDomain); 8 when unknown. */
  fabricDomain = 8,
): ParallelLayout {
  const devices = positiveInt('devices', options.devices);
  checkLimit('devices', devices, 'devices');
  const { nodes, gpusPerNode } = resolveNodes(devices, options, fabricDomain);
  const pp = positiveInt('pp', options.pp ?? 1);
  if (devices % pp !== 0) throw new ConfigError('pp', pp, `a divisor of ${theDevices(devices)}`);
  if (pp > spec.layers)
    throw new ConfigError('pp', pp, `at most the number of layers (${spec.layers})`);
  const perStage = devices / pp;
  const heads = spec.attention.heads;
  const tp = positiveInt('tp', options.tp ?? largestCommonDivisor(perStage, heads));
  if (perStage % tp !== 0)
    throw new ConfigError('tp', tp, `a divisor of ${theDevices(perStage)} per pipeline stage`);
  if (heads % tp !== 0)
    throw new ConfigError('tp', tp, `a divisor of the ${heads} attention heads`);
  const ep = positiveInt('ep', options.ep ?? 1);
  if (ep > 1 && spec.moe === null)
    throw new ConfigError('ep', ep, '1 for a dense model (it has no experts)');
  if (perStage % ep !== 0)
    throw new ConfigError('ep', ep, `a divisor of ${theDevices(perStage)} per pipeline stage`);
  if (spec.moe && ep > spec.moe.experts) {
    throw new ConfigError('ep', ep, `at most the number of routed experts (${spec.moe.experts})`);
  }
  if (ep > 1 && ep < tp && tp % ep !== 0)
    throw new ConfigError('ep', ep, `a divisor of tp (${tp}) when it is smaller`);
  return {
    devices,
    tp,
    ep,
    pp,
    dp: perStage / tp,
    expertShards: ep > 1 ? Math.max(ep, tp) : tp,
    nodes,
    gpusPerNode,
    scaleUpDomain: Math.min(devices, scaleUpDomainOf(fabricDomain, gpusPerNode)),
  };
}

/**
 * Nodes and devices per node: either given, both (their product must be the devices), or
 * derived from the device's node size. A node holds at most the device's fabric domain when
 * that is a node's (8 for HGX), or any tray size for a rack-scale fabric.
 */
function resolveNodes(
  devices: number,
  options: { nodes?: number | undefined; gpusPerNode?: number | undefined },
  fabricDomain: number,
): { nodes: number; gpusPerNode: number } {
  const maxPerNode = fabricDomain > 8 ? fabricDomain : Math.max(8, fabricDomain);
  let perNode = options.gpusPerNode;
  if (perNode !== undefined) {
    positiveInt('gpus per node', perNode);
    if (perNode > maxPerNode)
      throw new ConfigError('gpus per node', perNode, `an integer from 1 to ${maxPerNode}`);
  }
  if (options.nodes !== undefined) {
    const nodes = positiveInt('nodes', options.nodes);
    if (perNode === undefined) {
      if (devices % nodes !== 0)
        throw new ConfigError('nodes', nodes, `a divisor of ${theDevices(devices)}`);
      perNode = devices / nodes;
      if (perNode > maxPerNode)
        throw new ConfigError(
          'nodes',
          nodes,
          `at least ${Math.ceil(devices / maxPerNode)} (${maxPerNode} devices per node at most)`,
        );
    } else if (nodes * perNode !== devices) {
      throw new ConfigError(
        'nodes',
        nodes,
        `${devices} devices / ${perNode} per node = ${devices / perNode} (nodes x gpus per node must be the devices)`,
      );
    }
    return { nodes, gpusPerNode: perNode };
  }
  const gpusPerNode = Math.min(devices, perNode ?? defaultGpusPerNode(fabricDomain));
  return { nodes: Math.ceil(devices / gpusPerNode), gpusPerNode };
}

/** The largest d dividing `devices` with heads % d === 0: gcd(devices, heads). */
function largestCommonDivisor(devices: number, heads: number): number {
  let a = devices;
  let b = heads;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function positiveInt(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(field, value, 'an integer >= 1');
  return value;
}

/** The layer indices of each pipeline stage: contiguous, ceil(layers / pp) per stage. */
export function stageLayers(layers: number, pp: number): number[][] {
  const per = Math.ceil(layers / pp);
  return Array.from({ length: pp }, (_, s) =>
    Array.from(
      { length: Math.max(0, Math.min(layers, (s + 1) * per) - s * per) },
      (_, i) => s * per + i,
    ),
  );
}

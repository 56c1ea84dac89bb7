/**
 * The parallel layouts the explorer offers, as named choices over tp, ep and pp. A node is the
 * device's scale-up domain (8 for HGX, 72 for GB200 NVL72): pipelines split across nodes. The
 * layer split is llama.cpp's default, one stage a GPU (serving/llamacpp-layout.ts).
 */
import type { Device } from '../serving/hardware.ts';
import type { DeploymentSettings } from './explorer-config.ts';

export type LayoutChoice = 'tp' | 'ep' | 'tpep' | 'pp' | 'layers';

type LayoutFields = Pick<DeploymentSettings, 'tp' | 'ep' | 'pp'>;

/**
 * The choices with their labels, for a device whose nodes hold `nodeSize` devices. With one device
 * a node, a pipeline over nodes is the layer split: only the latter is offered.
 */
export function layoutChoices(nodeSize: number): { value: LayoutChoice; label: string }[] {
  const choices: { value: LayoutChoice; label: string }[] = [
    { value: 'tp', label: 'Tensor parallel over all GPUs' },
    { value: 'ep', label: 'Expert parallel, attention data-parallel (TP 1, EP = GPUs)' },
    { value: 'tpep', label: 'Tensor + expert parallel (TP = EP = GPUs)' },
    { value: 'pp', label: `Pipeline over nodes of ${nodeSize} (TP ${nodeSize})` },
    { value: 'layers', label: "Layers split over the GPUs (llama.cpp's default; PP = GPUs)" },
  ];
  return nodeSize > 1 ? choices : choices.filter((c) => c.value !== 'pp');
}

/** Devices per node: the scale-up domain, at least 1. */
export function nodeSize(device: Device | undefined): number {
  return Math.max(1, device?.scaleUpDomain ?? 8);
}

/** Which choice a deployment's tp, ep and pp make. */
export function classifyLayout(d: LayoutFields): LayoutChoice {
  if (d.pp > 1) return d.tp === 1 && d.ep === 1 ? 'layers' : 'pp';
  if (d.ep > 1) return d.tp === 1 ? 'ep' : 'tpep';
  return 'tp';
}

/**
 * tp, ep and pp of a choice on `devices` devices; tp null is automatic (every device of a stage
 * in one tensor-parallel group, within the heads).
 *
 * @example layoutFields('pp', 16, 8) // { tp: 8, ep: 1, pp: 2 }
 */
export function layoutFields(choice: LayoutChoice, devices: number, node: number): LayoutFields {
  switch (choice) {
    case 'tp':
      return { tp: null, ep: 1, pp: 1 };
    case 'ep':
      return { tp: 1, ep: devices, pp: 1 };
    case 'tpep':
      return { tp: null, ep: devices, pp: 1 };
    case 'pp':
      return { tp: Math.min(node, devices), ep: 1, pp: Math.max(1, Math.floor(devices / node)) };
    case 'layers':
      return { tp: 1, ep: 1, pp: devices };
  }
}

/**
 * The settings for a new device count that keep the chosen layout's shape: expert parallel
 * stays over all devices, a pipeline stays one stage per node (or per device, split by layers),
 * TP 1 stays TP 1.
 */
export function withDeviceCount(
  d: LayoutFields,
  devices: number,
  node: number,
): LayoutFields & { devices: number } {
  if (classifyLayout(d) === 'layers') return { devices, ...layoutFields('layers', devices, node) };
  return {
    devices,
    tp: d.tp === 1 ? 1 : null,
    ep: d.ep > 1 ? devices : 1,
    pp: d.pp > 1 ? Math.max(1, Math.floor(devices / node)) : 1,
  };
}

/**
 * What a layout means under llama.cpp over several GPUs, where it is not its layer split: its
 * `--split-mode row` splits 2-D matrices only (ggml-cuda.cu: "mul_mat_id does not support split
 * buffers"), so a MoE's routed experts stay whole on the first GPU, which the estimate does not
 * count; and it has no expert parallelism. Empty otherwise.
 */
export function llamaCppLayoutNote(
  engine: string | undefined,
  choice: LayoutChoice,
  devices: number,
): string {
  if (engine !== 'llamacpp' || devices < 2 || choice === 'layers') return '';
  if (choice === 'ep') return 'llama.cpp has no expert parallelism: it splits layers or rows';
  return "llama.cpp runs this as its row split, which keeps a MoE's routed experts on the first GPU: slower than estimated";
}

/** A one-line description of a device for its picker: "3.35 TB/s, 990 BF16 TFLOP/s". */
export function describeDevice(device: Device): string {
  return `${(device.bandwidthBytesPerSecond / 1e12).toFixed(2)} TB/s, ${(device.flopsPerSecond.bf16 / 1e12).toFixed(0)} BF16 TFLOP/s`;
}

/**
 * What the controls need besides the configuration: each control's limit for the model, the
 * device and its node size, the layout and attention-kind choices, and the setters that turn a
 * choice into settings. A module of its own: the embed, which has no controls, does not load it.
 */
import {
  archControlLimits,
  attentionKind,
  attentionKindChoices,
  classifyLayout,
  findDevice,
  kvHeadsForKind,
  layoutChoices,
  layoutFields,
  llamaCppLayoutNote,
  nodeSize,
  withDeviceCount,
  type AttentionChoice,
  type EngineId,
  type LayoutChoice,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

export class ControlsState {
  constructor(readonly explorer: ExplorerState) {}

  readonly limits = $derived.by(() =>
    archControlLimits(this.explorer.result.spec, this.explorer.arch),
  );
  readonly device = $derived.by(() => findDevice(this.explorer.config.deployment.deviceId));
  readonly nodeSize = $derived.by(() => nodeSize(this.device));
  readonly layoutChoice = $derived.by(() => classifyLayout(this.explorer.config.deployment));
  readonly layoutChoices = $derived.by(() => layoutChoices(this.nodeSize));
  readonly layoutHint = $derived.by(() => {
    const d = this.explorer.config.deployment;
    return llamaCppLayoutNote(d.engine, this.layoutChoice, d.devices);
  });
  // MLA and DeepSeek-V4's compressed MQA are fixed: the KV heads control does not switch them.
  readonly #mla = $derived.by(() => this.explorer.result.spec.attention.kind !== 'gqa');
  readonly #compressed = $derived.by(
    () => this.explorer.result.spec.attention.kind === 'compressed',
  );
  readonly attentionKind = $derived.by(() =>
    attentionKind(this.explorer.arch, this.#mla, this.#compressed),
  );
  readonly attentionChoices = $derived.by(() =>
    attentionKindChoices(this.explorer.arch, this.#mla, this.#compressed),
  );

  /** Switches the parallel layout (tensor, expert, tensor + expert, pipeline over nodes). */
  setLayout(choice: LayoutChoice): boolean {
    const fields = layoutFields(choice, this.explorer.config.deployment.devices, this.nodeSize);
    return this.explorer.updateDeployment(fields, 'devices');
  }

  /**
   * Switches the engine. llama.cpp over several GPUs in tensor parallel (the page's default
   * layout) takes its own default with it: the layers split, one stage a GPU
   * (serving/llamacpp-layout.ts).
   */
  setEngine(engine: EngineId): boolean {
    const d = this.explorer.config.deployment;
    const split = engine === 'llamacpp' && d.devices > 1 && classifyLayout(d) === 'tp';
    const layout = split ? layoutFields('layers', d.devices, this.nodeSize) : {};
    return this.explorer.updateDeployment({ engine, ...layout }, 'engine');
  }

  /** Sets the device count, keeping the chosen layout's shape. */
  setDeviceCount(devices: number): boolean {
    const fields = withDeviceCount(this.explorer.config.deployment, devices, this.nodeSize);
    return this.explorer.updateDeployment(fields, 'devices');
  }

  /** Switches MHA / GQA / MQA by the KV heads; nothing changes for MLA or the current kind. */
  setAttentionKind(kind: AttentionChoice): boolean {
    const kvHeads = kvHeadsForKind(kind, this.explorer.arch);
    return kvHeads === null || this.explorer.setArch('kvHeads', kvHeads);
  }
}

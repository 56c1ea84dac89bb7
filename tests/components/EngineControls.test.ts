import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_SETTINGS,
  defaultConfig,
  workloadThroughput,
  type DeploymentSettings,
} from '../../src/lib/core/index.ts';
import DeploymentControls from '../../src/lib/components/DeploymentControls.svelte';
import ServingPanel from '../../src/lib/components/ServingPanel.svelte';
import { run } from '../../src/cli/run.ts';
import { ControlsState } from '../../src/lib/state/controls.svelte.ts';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';
import { ServingPanelState } from '../../src/lib/state/serving-panel.svelte.ts';

function explorerFor(presetId: string, deployment: Partial<DeploymentSettings> = {}) {
  const config = defaultConfig(presetId);
  return new ExplorerState({ ...config, deployment: { ...config.deployment, ...deployment } });
}

/** The memory bar's table, opened as a person opens it. */
async function memoryTable() {
  const chart = screen
    .getAllByRole('figure')
    .find((f) => /Memory per device/.test(f.querySelector('figcaption')?.textContent ?? ''))!;
  await userEvent.click(within(chart).getByText('Show as a table'));
  return within(chart).getByRole('table');
}

/** The deployment controls with the engine section opened, as a person opens it. */
async function openEngine(explorer: ExplorerState) {
  const user = userEvent.setup();
  render(DeploymentControls, { controls: new ControlsState(explorer) });
  await user.click(screen.getByText(/^Engine, nodes, speculative decoding/));
  const engine = await screen.findByRole('combobox', { name: 'Engine' }, { timeout: 5000 });
  return { user, engine };
}

/** gpt-oss-120b under SGLang on 8 x B200 at tensor parallelism 8. */
/** Typing 0 into a field of 1 to 65,536 names the range (the value kept is the caller’s to check). */
async function expectZeroRefused(
  user: Awaited<ReturnType<typeof openEngine>>['user'],
  field: HTMLElement,
) {
  await user.clear(field);
  await user.type(field, '0');
  await user.tab();
  expect(field).toHaveAccessibleDescription(/expected a whole number from 1 to 65536/);
}

function sglangOnB200(contextTokens: number, batch: number) {
  return explorerFor('gpt-oss-120b', {
    deviceId: 'b200',
    devices: 8,
    tp: 8,
    engine: 'sglang',
    contextTokens,
    batch,
  });
}

describe('Engine, nodes and speculative decoding controls', () => {
  it('with system RAM the engine is llama.cpp, shown and not choosable, whatever was chosen', async () => {
    // explorer-config.ts: a deployment with a host is estimated as llama.cpp runs it.
    const explorer = explorerFor('gpt-oss-120b', {
      deviceId: 'rtx-4090',
      devices: 1,
      engine: 'sglang',
      host: DEFAULT_HOST_SETTINGS,
    });
    const { engine } = await openEngine(explorer);
    expect(engine).toHaveDisplayValue('llama.cpp');
    expect(engine).toBeDisabled();
    expect(engine).toHaveAccessibleDescription(/^With system RAM the engine is llama\.cpp/);
    expect(screen.getByText(/^Engine, nodes, speculative decoding/)).toHaveTextContent(
      '(llama.cpp)',
    );
  });

  it('with system RAM speculative decoding is off and not choosable, the GPUs’ choice kept', async () => {
    // local-setup.ts: the local model decodes one token per step; explorer-config.ts passes none.
    const mtp = { method: 'mtp' as const, draftTokens: 2, acceptance: 0.8 };
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'rtx-4090',
      devices: 1,
      weights: 'int4',
      host: { ...DEFAULT_HOST_SETTINGS, memoryBytes: 512e9 },
      speculative: mtp,
    });
    await openEngine(explorer);
    const speculative = screen.getByRole('combobox', { name: 'Speculative decoding' });
    expect(speculative).toHaveDisplayValue('Off');
    expect(speculative).toBeDisabled();
    expect(speculative).toHaveAccessibleDescription(/^Not with system RAM/);
    expect(screen.queryByLabelText('Draft tokens')).toBeNull();
    expect(screen.getByText(/^Engine, nodes, speculative decoding/)).toHaveTextContent(
      '(llama.cpp)',
    );
    expect(explorer.result.servingError).toBeNull();
    expect(explorer.config.deployment.speculative).toEqual(mtp);
  });

  it('the engine select names the engine’s memory default and sets the engine', async () => {
    const explorer = explorerFor('deepseek-v3', { deviceId: 'h200', weights: 'fp8' });
    const { user, engine } = await openEngine(explorer);
    expect(engine).toHaveDisplayValue('vLLM');
    expect(engine).toHaveAccessibleDescription('vLLM gpu_memory_utilization 0.9 of the device');
    await user.selectOptions(engine, 'SGLang');
    expect(explorer.config.deployment.engine).toBe('sglang');
    // 8 x H200: SGLang's default mem_fraction_static (engines.ts sglangMemFraction)
    expect(engine).toHaveAccessibleDescription(
      /^SGLang mem_fraction_static 0\.\d+ \(by device\) of the memory free before loading$/,
    );
    expect(screen.getByText(/^\(SGLang\)$/)).toBeInTheDocument();
  });

  it('TensorRT-LLM stores gpt-oss’s sliding layers whole unless a layout is chosen; the layout select says so', async () => {
    const explorer = explorerFor('gpt-oss-120b', { deviceId: 'h200', devices: 1 });
    const { user, engine } = await openEngine(explorer);
    const layout = screen.getByRole('combobox', { name: 'KV cache layout' });
    expect(layout).toHaveDisplayValue('Hybrid (windows kept short)');
    const hybridKv = explorer.result.serving!.kvBytesPerToken;
    await user.selectOptions(engine, 'TensorRT-LLM');
    expect(layout).toHaveDisplayValue('Full (every layer, every token)');
    expect(layout).toHaveAccessibleDescription(
      'TensorRT-LLM keeps every layer whole unless max_attention_window lists the windows',
    );
    // 36 layers x 2 (K, V) x 8 KV heads x 64 x 2 bytes, against 18 of them under hybrid
    expect(explorer.result.serving!.kvBytesPerToken).toBe(73_728);
    expect(hybridKv).toBe(36_864);
    await user.selectOptions(layout, 'Hybrid (windows kept short)');
    expect(explorer.config.deployment.kvLayout).toBe('hybrid');
    expect(explorer.result.serving!.kvBytesPerToken).toBe(36_864);
  });

  it('vLLM’s synchronous scheduler is a labelled checkbox: on, each step waits 21 us a sequence', async () => {
    const explorer = explorerFor('deepseek-v3', { deviceId: 'h200', weights: 'fp8', batch: 256 });
    const { user, engine } = await openEngine(explorer);
    const sync = screen.getByRole('checkbox', {
      name: 'Synchronous scheduling (vLLM before v0.14)',
    });
    expect(sync).not.toBeChecked();
    expect(sync).toHaveAccessibleDescription(/21 µs per running sequence/);
    const before = explorer.result.serving!.decode.stepSeconds;
    await user.click(sync);
    expect(explorer.config.deployment.syncScheduling).toBe(true);
    // speed.ts: the step grows by sequences x SYNC_SCHEDULING_SECONDS (256 x 21 us on one replica).
    expect(explorer.result.serving!.decode.stepSeconds - before).toBeCloseTo(256 * 21e-6, 9);
    expect(screen.getByText(/^\(vLLM, synchronous scheduling\)$/)).toBeInTheDocument();
    // Other engines schedule ahead: no checkbox.
    await user.selectOptions(engine, 'SGLang');
    expect(screen.queryByRole('checkbox', { name: /Synchronous scheduling/ })).toBeNull();
  });

  it('vLLM’s piecewise CUDA graphs are a labelled checkbox: on, gpt-oss-120b at batch 1 waits for 36 launches', async () => {
    const explorer = explorerFor('gpt-oss-120b', { deviceId: 'a100-80gb', devices: 1, batch: 1 });
    const { user, engine } = await openEngine(explorer);
    const piecewise = screen.getByRole('checkbox', {
      name: 'Piecewise CUDA graphs (vLLM before v0.11)',
    });
    expect(piecewise).not.toBeChecked();
    expect(piecewise).toHaveAccessibleDescription(/The host launches each layer \(384 µs\)/);
    expect(explorer.result.serving!.decode.bound).toBe('memory');
    await user.click(piecewise);
    expect(explorer.config.deployment.piecewiseGraphs).toBe(true);
    // step.ts: the longer of the device's step and 36 layers x PIECEWISE_LAUNCH_SECONDS.
    expect(explorer.result.serving!.decode.stepSeconds).toBeCloseTo(36 * 384e-6, 9);
    expect(explorer.result.serving!.decode.bound).toBe('host');
    expect(screen.getByText(/^\(vLLM, piecewise CUDA graphs\)$/)).toBeInTheDocument();
    // Other engines replay whole graphs: no checkbox.
    await user.selectOptions(engine, 'SGLang');
    expect(screen.queryByRole('checkbox', { name: /Piecewise CUDA graphs/ })).toBeNull();
  });

  it('SGLang’s mixed chunks are a labelled checkbox: on, prompts ride in the decode steps of the whole run', async () => {
    const explorer = sglangOnB200(4096, 100);
    const { user, engine } = await openEngine(explorer);
    const mixed = screen.getByRole('checkbox', { name: 'Mixed chunks' });
    expect(mixed).not.toBeChecked();
    expect(mixed).toHaveAccessibleDescription(
      /^SGLang's --enable-mixed-chunk: .* each runs in a pass of its own/,
    );
    // serving/engines.ts: SGLang prefills in passes of its own unless it mixes chunks.
    expect(explorer.result.resolved!.prefillScheduling).toBe('separate');
    await user.click(mixed);
    expect(explorer.config.deployment.mixedChunk).toBe(true);
    expect(explorer.result.resolved!.prefillScheduling).toBe('mixed');
    expect(screen.getByText(/^\(SGLang, mixed chunks\)$/)).toBeInTheDocument();
    // Other engines mix already: no checkbox, and the setting is not read.
    await user.selectOptions(engine, 'vLLM');
    expect(screen.queryByRole('checkbox', { name: /Mixed chunks/ })).toBeNull();
    expect(explorer.result.resolved!.prefillScheduling).toBe('mixed');
  });

  it('SGLang’s eager prefill is a labelled checkbox: on, time to first token is at least the kernels’ host time', async () => {
    const explorer = sglangOnB200(512, 1);
    const { user, engine } = await openEngine(explorer);
    const eager = screen.getByRole('checkbox', { name: 'Eager prefill (SGLang before 0.5.10)' });
    expect(eager).not.toBeChecked();
    expect(eager).toHaveAccessibleDescription(/80 µs a kernel/);
    const ttft = () => explorer.result.serving!.prefill.timeToFirstTokenSeconds;
    const graphed = ttft();
    await user.click(eager);
    expect(explorer.config.deployment.eagerPrefill).toBe(true);
    // serving/eager.ts: gpt-oss-120b's 36 layers launch 11 kernels each under SGLang on 8 x B200
    // (13, its two norms fused into its all-reduces: sglang-fusions.ts), 80 us a kernel
    expect(ttft()).toBeGreaterThanOrEqual(36 * 11 * 80e-6 - 1e-12);
    expect(ttft()).toBeGreaterThan(graphed);
    expect(screen.getByText(/^\(SGLang, eager prefill\)$/)).toBeInTheDocument();
    await user.selectOptions(engine, 'vLLM');
    expect(screen.queryByRole('checkbox', { name: /Eager prefill/ })).toBeNull();
  });

  it('SGLang’s prefill delayer is a labelled checkbox: under DP attention, fewer prefill passes; elsewhere nothing', async () => {
    // DeepSeek-V3 on 8 x H200, attention DP 8 over EP 8, 64 in flight (serving/prefill-delayer.ts)
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'h200',
      devices: 8,
      tp: 1,
      ep: 8,
      weights: 'fp8',
      engine: 'sglang',
      contextTokens: 4096,
      batch: 64,
    });
    const { user, engine } = await openEngine(explorer);
    const delayer = screen.getByRole('checkbox', { name: 'Prefill delayer' });
    expect(delayer).not.toBeChecked();
    expect(delayer).toHaveAccessibleDescription(
      /^SGLang's --enable-prefill-delayer, under data-parallel attention only/,
    );
    const passes = () =>
      workloadThroughput(explorer.result.resolved!, 1000, 500).prefillPassesPerStep;
    const free = passes();
    await user.click(delayer);
    expect(explorer.config.deployment.prefillDelayer).toBe(true);
    expect(explorer.result.resolved!.deployment.memory.prefillDelayPasses).toBe(30);
    expect(passes()).toBeLessThan(free / 2);
    expect(screen.getByText(/^\(SGLang, prefill delayer\)$/)).toBeInTheDocument();
    // Tensor parallelism over all eight: nothing to hold, no error, not in the summary.
    explorer.setDeployment('tp', 8);
    explorer.setDeployment('ep', 1);
    expect(explorer.result.servingError).toBeNull();
    expect(explorer.result.resolved!.deployment.memory.prefillDelayPasses).toBeNull();
    expect(await screen.findByText(/^\(SGLang\)$/)).toBeInTheDocument();
    await user.selectOptions(engine, 'vLLM');
    expect(screen.queryByRole('checkbox', { name: /Prefill delayer/ })).toBeNull();
  });

  it('sequences per step (vLLM max_num_seqs) is a labelled field: 6 gives gpt-oss-120b on one H100 its KV back from the sampler', async () => {
    const explorer = explorerFor('gpt-oss-120b', { deviceId: 'h100-sxm', devices: 1, batch: 1 });
    const { user, engine } = await openEngine(explorer);
    const field = screen.getByRole('textbox', { name: 'Sequences per step' });
    expect(field).toHaveValue('');
    expect(field).toHaveAttribute('placeholder', '1024'); // vLLM's default on an H100 (engines.ts)
    expect(field).toHaveAccessibleDescription(/vLLM max_num_seqs/);
    const before = explorer.result.serving!.kvCapacityTokens;
    await user.type(field, '6');
    await user.tab();
    expect(explorer.config.deployment.maxSequences).toBe(6);
    expect(explorer.result.serving!.assumptions.memory.maxSequences).toBe(6);
    // engines.ts samplerBytes: 1,018 fewer rows of 201,088 FP32 logits and their temporaries.
    expect(explorer.result.serving!.kvCapacityTokens).toBeGreaterThan(before + 100_000);
    expect(screen.getByText(/^\(vLLM, 6 sequences per step\)$/)).toBeInTheDocument();
    await expectZeroRefused(user, field);
    expect(explorer.config.deployment.maxSequences).toBe(6);
    // SGLang sizes its pool without it; its field is the cap on running requests.
    await user.selectOptions(engine, 'SGLang');
    expect(screen.queryByRole('textbox', { name: 'Sequences per step' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Running requests at most' })).toBeInTheDocument();
  });

  it('the memory fraction and tokens per pass are labelled fields: the CLI’s --gpu-memory-utilization and --max-batched-tokens', async () => {
    const deployment = { deviceId: 'h200', devices: 8, weights: 'fp8', batch: 64 } as const;
    const explorer = explorerFor('deepseek-v3', deployment);
    const { user } = await openEngine(explorer);
    const fraction = screen.getByRole('textbox', { name: 'Memory fraction' });
    const tokens = screen.getByRole('textbox', { name: 'Tokens per pass' });
    expect(fraction).toHaveAttribute('placeholder', '0.9'); // vLLM's default (engines.ts)
    expect(tokens).toHaveAttribute('placeholder', '8192'); // vLLM's on an H200
    expect(fraction).toHaveAccessibleDescription(/vLLM --gpu-memory-utilization/);
    await user.type(fraction, '0.85');
    await user.tab();
    await user.type(tokens, '2048');
    await user.tab();
    expect(explorer.config.deployment).toMatchObject({ memoryFraction: 0.85, batchedTokens: 2048 });
    // The page's KV capacity is the CLI's for the same flags.
    const cli = JSON.parse(
      run([
        ...['serve', 'deepseek-v3', '--gpu', 'h200', '--gpus', '8', '--weights', 'fp8'],
        ...['--batch', '64', '--context', '131072'],
        ...['--gpu-memory-utilization', '0.85', '--max-batched-tokens', '2048', '--json'],
      ]).stdout,
    );
    expect(explorer.result.serving!.kvCapacityTokens).toBe(cli.kvCapacityTokens);
    await user.clear(fraction);
    await user.type(fraction, '1.5');
    await user.tab();
    expect(fraction).toHaveAccessibleDescription(
      /Memory fraction: expected a number from 0\.05 to 1, got "1\.5"/,
    );
    expect(explorer.config.deployment.memoryFraction).toBe(0.85);
    await user.clear(fraction);
    await user.tab();
    expect(explorer.config.deployment.memoryFraction).toBeNull();
  });

  it('the CUDA-graph batch is a labelled field for TensorRT-LLM and SGLang: 384 replays DeepSeek-V3’s 384 sequences', async () => {
    const explorer = explorerFor('deepseek-v3', { deviceId: 'b200', devices: 8, batch: 384 });
    const { user, engine } = await openEngine(explorer);
    expect(screen.queryByRole('textbox', { name: 'CUDA graphs up to' })).toBeNull(); // vLLM
    await user.selectOptions(engine, 'TensorRT-LLM');
    const field = screen.getByRole('textbox', { name: 'CUDA graphs up to' });
    expect(field).toHaveAttribute('placeholder', '128'); // CudaGraphConfig's default
    expect(field).toHaveAccessibleDescription(/cuda_graph_config max_batch_size/);
    expect(explorer.result.serving!.decode.launchSeconds).toBeGreaterThan(0); // 384 > 128: eager
    await user.type(field, '384');
    await user.tab();
    expect(explorer.config.deployment.graphBatch).toBe(384);
    expect(explorer.result.serving!.decode.launchSeconds).toBe(0);
    expect(screen.getByText(/^\(TensorRT-LLM, CUDA graphs up to 384\)$/)).toBeInTheDocument();
    await expectZeroRefused(user, field);
    expect(explorer.config.deployment.graphBatch).toBe(384);
    await user.selectOptions(engine, 'SGLang');
    expect(screen.getByRole('textbox', { name: 'CUDA graphs up to' })).toHaveAccessibleDescription(
      /SGLang --cuda-graph-max-bs/,
    );
  });

  it('SGLang under MTP runs 48 of a batch of 100 (server_args.py); its labelled field lifts the cap', async () => {
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'h200',
      weights: 'fp8',
      engine: 'sglang',
      batch: 100,
      contextTokens: 2048,
      speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.85 },
    });
    const { user } = await openEngine(explorer);
    const field = screen.getByRole('textbox', { name: 'Running requests at most' });
    expect(field).toHaveAttribute('placeholder', '48');
    expect(field).toHaveAccessibleDescription(/SGLang --max-running-requests/);
    expect(explorer.result.serving!.running).toMatchObject({ offered: 100, batch: 48 });
    expect(explorer.deploymentLabel!.batch).toBe(
      "batch 100, 48 running at once (SGLang's default under speculative decoding, 48)",
    );
    await user.type(field, '100');
    await user.tab();
    expect(explorer.result.serving!.running).toMatchObject({ offered: 100, batch: 100 });
    expect(screen.getByText(/^\(SGLang, 100 running at most, MTP 1\)$/)).toBeInTheDocument();
  });

  it('MTP is offered for DeepSeek-V3; draft tokens and acceptance appear, out-of-range values are named', async () => {
    const explorer = explorerFor('deepseek-v3', { deviceId: 'h200', weights: 'fp8' });
    const { user } = await openEngine(explorer);
    const sd = screen.getByRole('combobox', { name: 'Speculative decoding' });
    expect(sd).toBeEnabled();
    await user.selectOptions(sd, 'mtp');
    expect(explorer.config.deployment.speculative).toEqual({
      method: 'mtp',
      draftTokens: 1,
      acceptance: 0.85,
    });
    const draft = screen.getByRole('textbox', { name: 'Draft tokens' });
    const acceptance = screen.getByRole('textbox', { name: 'Acceptance' });
    expect(acceptance).toHaveValue('0.85');
    await user.clear(draft);
    await user.type(draft, '3{Enter}');
    await user.tab();
    expect(explorer.config.deployment.speculative?.draftTokens).toBe(3);
    await user.clear(draft);
    await user.type(draft, '17');
    await user.tab();
    expect(draft).toHaveAttribute('aria-invalid', 'true');
    expect(draft).toHaveAccessibleDescription(
      /Draft tokens: expected a whole number from 1 to 16, got "17"/,
    );
    expect(explorer.config.deployment.speculative?.draftTokens).toBe(3);
    await user.clear(acceptance);
    await user.type(acceptance, '1.5');
    await user.tab();
    expect(acceptance).toHaveAccessibleDescription(
      /Acceptance rate: expected a number from 0 to 1, got "1.5"/,
    );
    await user.clear(acceptance);
    await user.type(acceptance, '0.7');
    await user.tab();
    expect(explorer.config.deployment.speculative?.acceptance).toBe(0.7);
    expect(acceptance).toHaveAttribute('aria-invalid', 'false');
  });

  it('MTP is disabled, with the reason, for a model without MTP modules (Llama 4 Scout)', async () => {
    const { engine } = await openEngine(explorerFor('llama4-scout'));
    expect(engine).toBeInTheDocument();
    const sd = screen.getByRole('combobox', { name: 'Speculative decoding' });
    expect(sd).toBeDisabled();
    expect(sd).toHaveAccessibleDescription(/no multi-token-prediction modules/);
    expect(within(sd).getByRole('option', { name: 'MTP (not in this model)' })).toBeInTheDocument();
  });

  it('shows the nodes where the devices exceed one node: "2 nodes of 8", and 4 per node', async () => {
    const explorer = explorerFor('deepseek-v3', { deviceId: 'h200', devices: 16, weights: 'fp8' });
    const { user } = await openEngine(explorer);
    expect(screen.getByText(/^\(vLLM, 2 nodes of 8\)$/)).toBeInTheDocument();
    const gpn = screen.getByRole('textbox', { name: 'GPUs per node' });
    expect(gpn).toHaveAccessibleDescription(/^2 nodes of 8/);
    await user.type(gpn, '4');
    await user.tab();
    expect(explorer.config.deployment.gpusPerNode).toBe(4);
    expect(gpn).toHaveAccessibleDescription(/^4 nodes of 4/);
    await user.clear(gpn);
    await user.type(gpn, '0');
    await user.tab();
    expect(gpn).toHaveAccessibleDescription(
      /GPUs per node: expected a whole number from 1 to 72, got "0"/,
    );
  });
});

describe('Serving results of the engine settings', () => {
  it('shows the KV capacity in tokens, and MTP’s tokens per step and speed-up', async () => {
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'h200',
      weights: 'fp8',
      tp: 8,
      speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.85 },
    });
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    const serving = explorer.result.serving!;
    expect(screen.getByTestId('kv-capacity')).toHaveTextContent(
      `KV cache holds ${serving.kvCapacityTokens.toLocaleString('en-US')} tokens per replica under vLLM's memory policy.`,
    );
    expect(serving.kvCapacityTokens).toBeGreaterThan(0);
    expect(screen.getByTestId('speculative')).toHaveTextContent(
      /^Speculative decoding: MTP, 1 draft token at 85\.0% acceptance: 1\.85 tokens per step, \d\.\d\d× plain decode \([\d.k]+ → [\d.k]+ tokens\/s\)\.$/,
    );
    // The memory table: the runtime's parts, the engine's budget and the pool in tokens.
    const table = await memoryTable();
    // vLLM profiles the forward pass, then the sampler: the smaller one is marked as not counted.
    expect(within(table).getByText(/^· Activation peak/)).toBeInTheDocument();
    expect(within(table).getByText(/^· Sampler/)).toBeInTheDocument();
    expect(within(table).getByText(/; not added\)$/)).toBeInTheDocument();
    expect(within(table).getByText('· CUDA context and communicators')).toBeInTheDocument();
    expect(within(table).getByText("Usable under vLLM's memory policy")).toBeInTheDocument();
    expect(within(table).getByText('KV cache capacity per replica')).toBeInTheDocument();
  });

  it('under pipeline parallelism the table shows the busiest stage’s runtime: a first stage without the sampler', async () => {
    // runtime-memory.ts stageRuntime: vLLM runs its sampler profile on the last stage only. With
    // 8 sequences per step the sampler is small, and Scout's first stage, which holds the vision
    // tower (218 MB per GPU more than the last stage's LM head and norm), is the busiest.
    const explorer = explorerFor('llama4-scout', { devices: 16, pp: 2, maxSequences: 8 });
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    const serving = explorer.result.serving!;
    const [first, last] = explorer.result.resolved!.deployment.stages;
    expect(serving.perDevice.weightsBytes).toBe(first!.weightsBytes);
    expect(serving.perDevice.runtime).toEqual(first!.runtime);
    expect(last!.runtime.sampler).toBeGreaterThan(0);
    const table = await memoryTable();
    expect(within(table).queryByText(/^· Sampler/)).toBeNull();
    expect(
      within(table)
        .getByText(/^· Activation peak$/)
        .closest('tr'),
    ).toHaveTextContent(`(${first!.runtime.activations.toLocaleString('en-US')} bytes)`);
  });

  it('without speculation, no speculative line; under SGLang the runtime sits outside the pool', async () => {
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'h200',
      weights: 'fp8',
      engine: 'sglang',
    });
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    expect(screen.queryByTestId('speculative')).toBeNull();
    expect(screen.getByTestId('kv-capacity')).toHaveTextContent(/under SGLang's memory policy\.$/);
    const table = await memoryTable();
    expect(within(table).queryByText('· Sampler')).toBeNull();
  });
});

describe('a link with the engine settings', () => {
  it('opens the section with the link’s engine, MTP and draft tokens', async () => {
    history.replaceState(
      null,
      '',
      '/?v=1&m=deepseek-v3&g=h200&w=fp8&eng=sglang&sd=mtp&dt=3&acc=0.8',
    );
    const { default: App } = await import('../../src/App.svelte');
    render(App);
    const c = within(document.getElementById('deployment-controls')!);
    expect(
      await c.findByRole('combobox', { name: 'Engine' }, { timeout: 5000 }),
    ).toHaveDisplayValue('SGLang');
    expect(c.getByRole('textbox', { name: 'Draft tokens' })).toHaveValue('3');
    expect(c.getByRole('textbox', { name: 'Acceptance' })).toHaveValue('0.8');
    expect(c.getByText(/^\(SGLang, MTP 3\)$/)).toBeInTheDocument();
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkGgufFitsModel,
  countParams,
  DEFAULT_HOST_SETTINGS,
  defaultConfig,
  estimateLocalServing,
  estimateWithHost,
  findDevice,
  findPreset,
  ggufDeploymentParts,
  ggufMismatch,
  ggufParts,
  ggufWeights,
  localOptionsOf,
  mergeGgufSplits,
  parseGguf,
  presetSpec,
  resolveExplorer,
  summarizeGguf,
  type DeploymentGguf,
} from '../../../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike } from '../../helpers/gguf-builder.ts';

const file = parseGguf(buildGguf({ ...gptOss20bLike(), data: false }).bytes, {
  fileBytes: Infinity,
});

describe('ggufParts: a GGUF file as the parts llama.cpp places', () => {
  const parts = ggufParts(file.tensors, 24);

  it('every byte of the file lands in exactly one part', () => {
    const sum =
      parts.embedding +
      parts.output +
      parts.layers.reduce((s, l) => s + l.mixer + l.experts + l.ffn, 0);
    expect(sum).toBe(ggufWeights(file).bytes);
  });

  it("a layer's experts are its *_exps tensors: MXFP4 blocks and F32 biases", () => {
    // 3 × (2880 × 2880 × 32 at 4.25 bits) + 3 × 2880 × 32 × 4 bytes (gguf-builder gptOss20bLike)
    const exps = 3 * ((2880 * 2880 * 32 * 17) / 32) + 3 * 2880 * 32 * 4;
    expect(parts.layers[0]!.experts).toBe(exps);
    expect(parts.layers[0]!.names.experts).toContain('blk.0.ffn_down_exps.weight');
    expect(parts.layers[0]!.names.ffn).toEqual([
      'blk.0.ffn_gate_inp.weight',
      'blk.0.ffn_gate_inp.bias',
    ]);
  });

  it('a file with fewer blocks than the model has layers is refused', () => {
    expect(() => ggufParts(file.tensors, 36)).toThrow(
      'gguf: expected the model\'s 36 layers, got "24 blocks"',
    );
  });
});

describe('checkGgufFitsModel', () => {
  it("accepts the model's own file and refuses another model's, naming both", () => {
    expect(() => checkGgufFitsModel(file, presetSpec(findPreset('gpt-oss-20b')!))).not.toThrow();
    expect(() => checkGgufFitsModel(file, presetSpec(findPreset('gpt-oss-120b')!))).toThrow(
      'gguf: expected a file of gpt-oss-120b\'s 36 layers, got "a gpt-oss file of 24 blocks"',
    );
  });
});

describe('a deployment with a GGUF file (the page: DeploymentSettings.gguf)', () => {
  const gptOss20b = presetSpec(findPreset('gpt-oss-20b')!);
  const gptOss120b = presetSpec(findPreset('gpt-oss-120b')!);
  const header = summarizeGguf(mergeGgufSplits([file]));
  const gguf: DeploymentGguf = { name: 'gpt-oss-20b-mxfp4.gguf', header };

  it('summarizeGguf: the exact bytes, the types by bytes (most first), the counts that check it', () => {
    const weights = ggufWeights(file);
    expect(header.bytes).toBe(weights.bytes);
    expect(header.params).toBe(20_914_757_184); // gpt-oss-20b's exact weights (gguf-weights.test.ts)
    expect(header.byType.map((t) => t.type)).toEqual(['MXFP4', 'BF16', 'F32']);
    expect(header.byType.reduce((s, t) => s + t.bytes, 0)).toBe(header.bytes);
    expect(header).toMatchObject({
      parts: 1,
      architecture: 'gpt-oss',
      modelName: 'Gpt Oss 20b',
      fileType: null,
      blockCount: 24,
      expertCount: 32,
    });
    expect(header.tensors).toHaveLength(file.tensors.length);
    // Plain data: a deployment is copied whole (pins, structuredClone).
    expect(structuredClone(header)).toEqual(header);
  });

  it("ggufMismatch names the file, what it holds and the model's count; null for its own model", () => {
    expect(ggufMismatch(gguf, gptOss20b)).toBeNull();
    expect(ggufMismatch(gguf, gptOss120b)).toBe(
      "gpt-oss-20b-mxfp4.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers",
    );
    expect(ggufMismatch({ ...gguf, header: null }, gptOss120b)).toBeNull();
  });

  it('ggufDeploymentParts: the parts serve --gguf places; none before the file is read; refused for another model', () => {
    expect(ggufDeploymentParts(null, gptOss20b)).toBeUndefined();
    expect(ggufDeploymentParts({ ...gguf, header: null }, gptOss20b)).toBeUndefined();
    const parts = ggufDeploymentParts(gguf, gptOss20b)!;
    expect(parts).toEqual(ggufParts(file.tensors, 24));
    expect(ggufDeploymentParts(gguf, gptOss20b)).toBe(parts); // placed once per file and depth
    expect(() => ggufDeploymentParts(gguf, gptOss120b)).toThrow(
      "gguf: gpt-oss-20b-mxfp4.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers",
    );
  });

  it("estimateWithHost with the file: weights are the file's bytes, as estimateLocalServing with serve --gguf's parts", () => {
    const options = { device: findDevice('rtx-4090')!, devices: 1, contextTokens: 8192, batch: 1 };
    const host = DEFAULT_HOST_SETTINGS;
    const plain = estimateWithHost(gptOss20b, options, host);
    const withFile = estimateWithHost(gptOss20b, options, host, countParams(gptOss20b), gguf);
    expect(withFile.weightsBytes).toBe(header.bytes);
    expect(withFile.weightsBytes).not.toBe(plain.weightsBytes);
    const cli = estimateLocalServing(gptOss20b, options, {
      ...localOptionsOf(host, options.device),
      parts: ggufParts(file.tensors, 24),
    });
    expect(withFile).toEqual(cli);
    // The explorer's resolveDeployment passes the deployment's file the same way.
    const config = defaultConfig('gpt-oss-20b');
    const deployment = { ...config.deployment, deviceId: 'rtx-4090', devices: 1, host, gguf };
    expect(resolveExplorer({ ...config, deployment }).serving!.weightsBytes).toBe(header.bytes);
    const other = defaultConfig('gpt-oss-120b');
    expect(resolveExplorer({ ...other, deployment }).servingError).toContain('24 blocks');
  });
});

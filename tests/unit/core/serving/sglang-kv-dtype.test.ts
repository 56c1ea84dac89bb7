import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deploymentKvDtype,
  estimateServing,
  findDevice,
  parseHFConfig,
  resolveServing,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { FIXTURES } from '../../helpers/fixtures.ts';

/** Verbatim Hub config.json files (tests/fixtures/new-families, models). */
const read = (...path: string[]) =>
  parseHFConfig(
    JSON.parse(readFileSync(join(FIXTURES, ...path), 'utf8')) as Record<string, unknown>,
  );
const flash = read('new-families', 'deepseek-v4-flash.config.json');
const pro = read('new-families', 'deepseek-v4-pro.config.json');
const v32 = read('new-families', 'deepseek-v3.2.config.json');
const glm52 = read('new-families', 'glm-5.2.config.json');
const v3 = read('models', 'deepseek-v3.json');

const sglang = { engine: 'sglang' } as never;
const vllm = { engine: 'vllm' } as never;
const b200 = findDevice('b200')!;
const h200 = findDevice('h200')!;
const mi355x = findDevice('mi355x')!;

describe('deploymentKvDtype: DeepSeek-V4 under SGLang, FP8 only (apply_deepseek_v4_defaults)', () => {
  it('defaults to FP8 for V4 under SGLang, BF16 elsewhere, and keeps what is asked', () => {
    expect(deploymentKvDtype({ spec: flash, memory: sglang, device: h200 }, undefined)).toBe('fp8');
    expect(deploymentKvDtype({ spec: flash, memory: sglang, device: h200 }, 'fp8')).toBe('fp8');
    expect(deploymentKvDtype({ spec: flash, memory: vllm, device: b200 }, undefined)).toBe('bf16');
    expect(deploymentKvDtype({ spec: v3, memory: sglang, device: b200 }, undefined)).toBe('bf16');
    expect(deploymentKvDtype({ spec: v3, memory: sglang, device: b200 }, 'fp8')).toBe('fp8');
  });

  it('refuses another type for V4 under SGLang, naming the field, the value and what is expected', () => {
    const error = configErrorOf(() =>
      deploymentKvDtype({ spec: pro, memory: sglang, device: b200 }, 'bf16'),
    );
    expect(error).toMatchObject({ field: 'kv dtype', value: 'bf16' });
    expect(error.expected).toMatch(/^fp8: SGLang keeps DeepSeek-V4's cache in FP8 only/);
  });

  it('is what a resolved deployment stores: the estimate reads FP8 rows unasked', () => {
    const options: ServingOptions = {
      device: b200,
      devices: 4,
      tp: 1,
      ep: 4,
      contextTokens: 9216,
      batch: 256,
      memory: { engine: 'sglang' },
    };
    expect(resolveServing(flash, options).deployment.kvDtype).toBe('fp8');
    expect(
      resolveServing(flash, { ...options, memory: { engine: 'vllm' } }).deployment.kvDtype,
    ).toBe('bf16');
  });
});

describe('deploymentKvDtype: a DSA model under SGLang (its is_deepseek_nsa)', () => {
  // server_args.py: kv_cache_dtype "auto" -> "fp8_e4m3" if major >= 10 else "bfloat16".
  it('defaults to FP8 on Blackwell and BF16 on Hopper and AMD, for DeepSeek-V3.2 and GLM-5.2', () => {
    for (const spec of [v32, glm52]) {
      expect(deploymentKvDtype({ spec, memory: sglang, device: b200 }, undefined)).toBe('fp8');
      expect(
        deploymentKvDtype({ spec, memory: sglang, device: findDevice('gb300')! }, undefined),
      ).toBe('fp8');
      expect(
        deploymentKvDtype(
          { spec, memory: sglang, device: findDevice('rtx-pro-6000-server')! },
          undefined,
        ),
      ).toBe('fp8');
      expect(deploymentKvDtype({ spec, memory: sglang, device: h200 }, undefined)).toBe('bf16');
      expect(deploymentKvDtype({ spec, memory: sglang, device: mi355x }, undefined)).toBe('bf16');
    }
  });

  it('keeps what is asked, and leaves other engines and dense MLA at BF16', () => {
    expect(deploymentKvDtype({ spec: glm52, memory: sglang, device: b200 }, 'bf16')).toBe('bf16');
    expect(deploymentKvDtype({ spec: glm52, memory: vllm, device: b200 }, undefined)).toBe('bf16');
    // DeepSeek-V3 has no indexer: not is_deepseek_nsa.
    expect(deploymentKvDtype({ spec: v3, memory: sglang, device: b200 }, undefined)).toBe('bf16');
  });

  it('halves the KV bytes a resolved GLM-5.2 deployment on 8 x B300 keeps per token', () => {
    const options: ServingOptions = {
      device: findDevice('b300')!,
      devices: 8,
      tp: 8,
      weights: 'bf16',
      contextTokens: 9216,
      batch: 80,
      memory: { engine: 'sglang' },
    };
    expect(resolveServing(glm52, options).deployment.kvDtype).toBe('fp8');
    const fp8 = estimateServing(glm52, options).kvBytesPerToken;
    const bf16 = estimateServing(glm52, { ...options, kvDtype: 'bf16' }).kvBytesPerToken;
    expect(fp8).toBeLessThan(bf16 * 0.6);
  });
});

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEPLOYMENT,
  DEFAULT_HOST_SETTINGS,
  HOST_RANGES,
  type DeploymentSettings,
  type HostSettings,
} from '../../../src/lib/core/index.ts';
import {
  encodeHost,
  HOST_DEFAULTS,
  readHost,
  type HostParamReader,
  type HostRange,
} from '../../../src/lib/share/host-link.ts';

/** A reader with decode-v1's rules for numbers and choices (its LinkReader is tested there). */
function reader(query: string): HostParamReader {
  const params = new URLSearchParams(query);
  const warnings: string[] = [];
  return {
    params,
    warnings,
    number(key: string, range: HostRange, integer: boolean) {
      const text = params.get(key);
      if (text === null) return undefined;
      const n = Number(text);
      if (
        text.trim() === '' ||
        !(n >= range.min && n <= range.max) ||
        (integer && !Number.isInteger(n))
      ) {
        warnings.push(`${key} (${range.label}): bad ${text}`);
        return undefined;
      }
      return n;
    },
    oneOf<T extends string>(key: string, allowed: readonly T[]) {
      const text = params.get(key);
      if (text === null) return undefined;
      if ((allowed as readonly string[]).includes(text)) return text as T;
      warnings.push(`${key}: bad ${text}`);
      return undefined;
    },
  };
}

function read(query: string, deployment: Partial<DeploymentSettings> = {}) {
  const r = reader(query);
  const d: DeploymentSettings = { ...DEFAULT_DEPLOYMENT, ...deployment };
  readHost(r, d);
  return { d, warnings: r.warnings };
}

function encoded(host: HostSettings | null): string {
  const p = new URLSearchParams();
  encodeHost(p, host);
  return p.toString();
}

describe('host-link', () => {
  it("HOST_DEFAULTS equals core's DEFAULT_HOST_SETTINGS (built from the lazily loaded modules)", () => {
    expect(HOST_DEFAULTS).toEqual(DEFAULT_HOST_SETTINGS);
  });

  it('encodeHost writes nothing for a data-centre deployment (null)', () => {
    expect(encoded(null)).toBe('');
  });

  it('encodeHost(default host) writes ram alone: the host is on, every other value the default', () => {
    expect(encoded(HOST_DEFAULTS)).toBe('ram=64');
  });

  it('encodeHost writes each value that differs: 128 GB of 4-channel DDR5-6000, gen5x16, n-cpu-moe 24, -ngl 30', () => {
    const host = {
      memoryBytes: 128e9,
      bandwidthBytesPerSecond: 192e9,
      pcie: 'gen5x16',
      cpuMoe: true,
      nCpuMoe: 24,
      gpuLayers: 30,
      gpuShare: 0.9,
    };
    expect(encoded(host)).toBe('ram=128&rbw=192&pcie=gen5x16&cmoe=1&ncmoe=24&ngl=30&gshare=0.9');
  });

  it('readHost reads back what encodeHost wrote, and sets one GPU', () => {
    const host = {
      ...HOST_DEFAULTS,
      memoryBytes: 96e9,
      bandwidthBytesPerSecond: 51.2e9,
      nCpuMoe: 7,
      gpuShare: 0.85,
    };
    const { d, warnings } = read(encoded(host));
    expect(warnings).toEqual([]);
    expect(d.host).toEqual(host);
    expect(d.devices).toBe(1);
  });

  it('readHost leaves a link without host parameters as it is (host null, 8 GPUs)', () => {
    const { d, warnings } = read('g=h100-sxm');
    expect(d.host).toBeNull();
    expect(d.devices).toBe(DEFAULT_DEPLOYMENT.devices);
    expect(warnings).toEqual([]);
  });

  it('any host parameter turns the host on: ncmoe=24 alone gives the default host with --n-cpu-moe 24', () => {
    expect(read('ncmoe=24').d.host).toEqual({ ...HOST_DEFAULTS, nCpuMoe: 24 });
  });

  it('a bad value is left out (the default is used), with a warning', () => {
    const { d, warnings } = read('ram=0&rbw=90&pcie=gen9x16&ncmoe=1.5&cmoe=yes&gshare=1.5');
    expect(d.host).toEqual({ ...HOST_DEFAULTS, bandwidthBytesPerSecond: 90e9 });
    expect(warnings).toEqual([
      'ram (System RAM, GB): bad 0',
      'pcie: bad gen9x16',
      'cmoe: bad yes',
      'ncmoe (Expert layers in RAM): bad 1.5',
      'gshare (GPU share of the unified pool): bad 1.5',
    ]);
  });

  it('a link whose every host value is refused gives no host, each value named (fuzz seed 20261202)', () => {
    const { d, warnings } = read('pcie=trtllm&cmoe=yes');
    expect(d.host).toBeNull();
    expect(warnings).toEqual(['pcie: bad trtllm', 'cmoe: bad yes']);
  });

  it.each([
    ['0.04', false], // below HOST_RANGES.gpuShare.min
    ['0.05', true],
    ['0.9', true],
    ['1', true],
    ['1.01', false],
  ])('gshare=%s is read: %s (0.05 to 1)', (text, ok) => {
    const { d, warnings } = read(`ram=64&gshare=${text}`);
    expect(d.host!.gpuShare).toBe(ok ? Number(text) : null);
    expect(warnings).toHaveLength(ok ? 0 : 1);
  });

  it('a link with a host and another GPU count reads it as 1, with a warning', () => {
    const { d, warnings } = read('ram=64&n=8', { devices: 8 });
    expect(d.devices).toBe(1);
    expect(warnings).toEqual(['n (GPUs): expected 1 with system RAM, got "8"; read as 1']);
  });

  it("reads each number against the core's HOST_RANGES (a value just past the range is refused)", () => {
    const past = { ram: 'ram', rbw: 'rbw', ncmoe: 'ncmoe', ngl: 'ngl', gpuShare: 'gshare' };
    for (const [id, key] of Object.entries(past)) {
      const range = HOST_RANGES[id as keyof typeof past];
      const query = (value: number) => `${key === 'ram' ? '' : 'ram=64&'}${key}=${value}`;
      expect(read(query(range.max)).warnings, key).toEqual([]);
      expect(read(query(range.max * 1.5 + 1)).warnings, key).toHaveLength(1);
    }
  });
});

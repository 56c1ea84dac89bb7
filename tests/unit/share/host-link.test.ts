import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEPLOYMENT,
  DEFAULT_HOST_SETTINGS,
  pcieBytesPerSecond,
  type DeploymentSettings,
  type HostSettings,
} from '../../../src/lib/core/index.ts';
import {
  encodeHost,
  HOST_DEFAULTS,
  HOST_RANGES,
  PCIE_LINKS,
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

  it('every link PCIE_LINKS offers is one the core reads, gen5x16 first', () => {
    expect(PCIE_LINKS[0]).toBe('gen5x16');
    expect(PCIE_LINKS).toContain('gen4x16');
    for (const link of PCIE_LINKS) expect(pcieBytesPerSecond(link), link).toBeGreaterThan(0);
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
    };
    expect(encoded(host)).toBe('ram=128&rbw=192&pcie=gen5x16&cmoe=1&ncmoe=24&ngl=30');
  });

  it('readHost reads back what encodeHost wrote, and sets one GPU', () => {
    const host = {
      ...HOST_DEFAULTS,
      memoryBytes: 96e9,
      bandwidthBytesPerSecond: 51.2e9,
      nCpuMoe: 7,
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
    const { d, warnings } = read('ram=0&pcie=gen9x16&ncmoe=1.5&cmoe=yes');
    expect(d.host).toEqual(HOST_DEFAULTS);
    expect(warnings).toEqual([
      'ram (System RAM, GB): bad 0',
      'pcie: bad gen9x16',
      'cmoe: bad yes',
      'ncmoe (Expert layers in RAM): bad 1.5',
    ]);
  });

  it('a link with a host and another GPU count reads it as 1, with a warning', () => {
    const { d, warnings } = read('ram=64&n=8', { devices: 8 });
    expect(d.devices).toBe(1);
    expect(warnings).toEqual(['n (GPUs): expected 1 with system RAM, got "8"; read as 1']);
  });

  it('HOST_RANGES match the CLI: RAM and bandwidth 1 to 100,000 GB(/s), -ngl one more than the layers', () => {
    expect(HOST_RANGES.ram).toMatchObject({ min: 1, max: 1e5 });
    expect(HOST_RANGES.rbw).toMatchObject({ min: 1, max: 1e5 });
    expect(HOST_RANGES.ngl.max).toBe(HOST_RANGES.ncmoe.max + 1);
  });
});

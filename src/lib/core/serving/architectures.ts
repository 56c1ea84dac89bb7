/**
 * The catalog's NVIDIA data-centre parts by architecture, where an engine's kernels depend on it
 * (expert-padding.ts, kernels.ts, attention-flops.ts). Device ids as in hardware.ts.
 */

/** Hopper (SM90): H100, H200, H800, H20 and GH200. */
export const HOPPER_DEVICES: ReadonlySet<string> = new Set([
  'h100-sxm',
  'h100-pcie',
  'h200',
  'h800',
  'h20',
  'gh200',
]);

/**
 * Blackwell's data-centre family (SM100 and SM103): B200, B300, GB200 and GB300. Not the RTX PRO
 * 6000 (SM120), which the family's kernels are not built for.
 */
export const SM100_DEVICES: ReadonlySet<string> = new Set(['b200', 'b300', 'gb200', 'gb300']);

/**
 * Every Blackwell of the catalog, CUDA compute capability 10 and up (SM100, SM103, SM120, SM121):
 * the data-centre family, the RTX PRO 6000, the RTX 50 series and the DGX Spark's GB10. An
 * engine that asks `torch.cuda.get_device_capability()[0] >= 10` means these.
 */
export const BLACKWELL_DEVICES: ReadonlySet<string> = new Set([
  ...SM100_DEVICES,
  'rtx-pro-6000-server',
  'rtx-pro-6000',
  'rtx-5080',
  'rtx-5090',
  'dgx-spark',
]);

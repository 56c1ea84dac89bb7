/**
 * What one device of a pipeline stage reads and computes in a step (step.ts): the weights of its
 * layers, split as the layout splits them, the routed experts the batch touches, and the
 * attention's FLOPs.
 */
import { layerAttentionFlops, sparsePrefillKernelHeads } from './attention-flops.ts';
import type { Deployment, Stage } from './deployment.ts';
import type { StageWork } from './step.ts';
import { mixerParamsOnRank } from './tensor-split.ts';
import { componentFormat, paramBytes } from './weights.ts';

/** Bytes read and FLOPs done by one device of a stage, per kernel. */
export interface StageTraffic {
  denseBytes: number;
  expertBytes: number;
  denseFlops: number;
  expertFlops: number;
  attentionFlops: number;
}

/**
 * Weights read and FLOPs of a stage's layers on one device. Attention is split as the engines
 * split it (tensor-split.ts), shared experts and dense FFNs `tp` ways; the router is replicated; routed experts are read only when touched
 * (`touched` distinct experts per MoE layer) and split over the expert shards. The lm_head (or
 * the tied embedding) runs on the last stage; the embedding is a gather (no FLOPs, negligible bytes).
 */
export function stageTraffic(
  d: Deployment,
  stage: Stage,
  work: StageWork,
  touched: number,
  last: boolean,
): StageTraffic {
  const { spec, count, layout, plan } = d;
  const f = (key: Parameters<typeof componentFormat>[0]) => componentFormat(key, plan);
  const m = work.tokensPerReplica;
  const { attended, selected, phase } = work;
  const kernelHeads =
    phase === 'prefill' ? sparsePrefillKernelHeads(d.device.id, d.memory.engine) : 0;
  const t: StageTraffic = {
    denseBytes: 0,
    expertBytes: 0,
    denseFlops: 0,
    expertFlops: 0,
    attentionFlops: 0,
  };
  for (const { kind, params: l, count: n } of stage.groups) {
    // Attention's replicated projections are read and multiplied whole on every rank.
    const mixer = mixerParamsOnRank(spec, l, layout.tp);
    const splitBytes =
      paramBytes(l.sharedExperts, f('sharedExperts')) + paramBytes(l.denseFfn, f('denseFfn'));
    t.denseBytes +=
      n *
      (paramBytes(mixer, f('attention')) +
        splitBytes / layout.tp +
        paramBytes(l.router, f('router')));
    t.denseFlops +=
      n * (2 * m * (mixer + (l.sharedExperts + l.denseFfn) / layout.tp) + 2 * m * l.router);
    const flops = layerAttentionFlops(
      spec,
      kind,
      attended(kind),
      selected(kind),
      phase,
      layout.tp,
      kernelHeads,
    );
    t.attentionFlops += n * m * flops;
    if (l.routedExperts > 0 && spec.moe) {
      const perExpertParams = l.routedExperts / spec.moe.experts;
      // A padded expert (expert-padding.ts) is read and multiplied whole, zeros included.
      const pad = d.expertPadding;
      t.expertBytes +=
        (n * touched * paramBytes(perExpertParams, f('routedExperts')) * pad) / layout.expertShards;
      t.expertFlops +=
        (n * 2 * work.tokensPerExpertGroup * spec.moe.topK * perExpertParams * pad) /
        layout.expertShards;
    }
  }
  if (last) {
    const lmHead = count.breakdown.lmHead > 0 ? count.breakdown.lmHead : count.breakdown.embedding;
    t.denseBytes += paramBytes(lmHead, f('lmHead')) / layout.tp;
    t.denseFlops += (2 * work.lmHeadTokens * lmHead) / layout.tp;
  }
  return t;
}

/**
 * The page's and the iframe embed's door to share links (link-state.ts). The serving model and
 * the decoders of a link's deployment, pins and imported config are one chunk, loaded on demand
 * (`loadServing`, embed/serving-chunk.ts, the chunk the <moe-explorer> element loads too); the built
 * index.html preloads it beside the entry (vite.config.ts), so it downloads at once. Meanwhile
 * the page shows the link's model and counts (`openPreview`), when the link names nothing the
 * chunk decodes; `openLink` opens any link once the chunk is in.
 */
import {
  addServingModel,
  ConfigError,
  DEFAULT_DEPLOYMENT,
  defaultComparison,
  type ServingModel,
} from '../core/index.ts';
import { addLinkDecoders } from '../share/link-decoders.ts';
import { ARCH_KEYS } from '../share/link-format.ts';
import { decode } from '../share/url-codec.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { openLoadedLink } from './link-state.ts';
import { servingPending, setStandingIn } from './serving-stand-ins.ts';

export { shareLink, shareQuery } from './link-state.ts';

let loading: Promise<void> | null = null;

/** Loads the serving chunk and installs what it holds, once; a failed load may be tried again. */
export function loadServing(): Promise<void> {
  loading ??= import('../../embed/serving-chunk.ts').then(
    (chunk) => {
      addServingModel(chunk.SERVING_MODEL);
      addLinkDecoders(chunk.LINK_DECODERS);
      setStandingIn(false);
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function servingLoaded(): boolean {
  return !servingPending();
}

/** link-state.ts `openLoadedLink`; call once `loadServing()` has settled. */
export function openLink(query: string): { explorer: ExplorerState; warnings: string[] } {
  if (!servingLoaded()) throw new Error('openLink: the serving model has not loaded');
  return openLoadedLink(query);
}

const notYet = (): never => {
  throw new ConfigError('serving model', 'not loaded', 'the serving model, still loading');
};

/**
 * Stand-ins for the serving chunk while the page shows a link before it: a serving model that
 * resolves no deployment (a ConfigError: the link's decoder then checks the model and its edits
 * as ever, and the link's default layout is no fault of the link's), and link decoders that read
 * the default deployment and no pins (a previewed link names neither). The chunk replaces them.
 */
function standIn(): void {
  if (!servingPending()) return;
  setStandingIn(true);
  addServingModel({
    resolveServing: notYet,
    estimateResolved: notYet,
    findDevice: notYet,
    deploymentLabel: notYet,
  } satisfies ServingModel);
  addLinkDecoders({
    readDeployment: () => ({ ...DEFAULT_DEPLOYMENT }),
    readComparison: () => defaultComparison(),
    readImported: () => {
      throw new Error('an imported config is read by the serving chunk, still loading');
    },
  });
}

/**
 * The keys a link may hold for the page to show it before the serving chunk: the model, its
 * edited numbers and the view. Any other (a deployment, pins, an imported config, a Hub link)
 * is decoded by the chunk.
 */
const PREVIEW_KEYS = new Set(['v', 'm', 'u', 'th', ...ARCH_KEYS.map(([key]) => key)]);

/**
 * The link's model and counts before the serving chunk has loaded, its serving numbers pending
 * (ExplorerState `servingStatus`); null for a link that only the chunk can decode (see
 * PREVIEW_KEYS). Such a link's deployment is the default and it has no pins, so what it needs
 * from the chunk has stand-ins (`standIn`); `completeLink` reads it again once the
 * chunk is in.
 *
 * @example openPreview('?m=mixtral-8x7b') // { explorer, warnings: [] } before the chunk
 * @example openPreview('?m=mixtral-8x7b&g=h100') // null: the GPU is the chunk's to read
 */
export function openPreview(query: string): { explorer: ExplorerState; warnings: string[] } | null {
  const keys = [...new URLSearchParams(query).keys()];
  if (!keys.every((key) => PREVIEW_KEYS.has(key))) return null;
  standIn();
  return openLoadedLink(query);
}

/**
 * Once the serving chunk is in, gives a previewed explorer its serving numbers: the link's
 * deployment and pins as the chunk's decoders read them, on whatever model is shown by now.
 */
export function completeLink(explorer: ExplorerState, query: string): void {
  const decoded = decode(query);
  explorer.completeServing(decoded.config.deployment);
  explorer.loadComparison(decoded.compare);
  explorer.training = decoded.training;
  explorer.plan = decoded.plan ?? null;
}

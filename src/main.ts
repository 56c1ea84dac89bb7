import { mount } from 'svelte';
import App from './App.svelte';
import { readPresentation } from './lib/share/presentation.ts';
import { rememberOpenedRun } from './lib/state/opened-run.ts';
import { linkReadersLoading } from './lib/state/family-readers.ts';
import type { ExplorerState } from './lib/state/explorer.svelte.ts';
import {
  completeLink,
  loadServing,
  openLink,
  openPreview,
  servingLoaded,
} from './lib/state/share.ts';
import './app.css';

const target = document.getElementById('app')!;

/** Shows `message` in place of the page, in a landmark under the page's heading (axe). */
function showInstead(message: HTMLElement): void {
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  heading.textContent = 'MoE Explorer';
  main.append(heading, message);
  target.replaceChildren(main);
}

/**
 * The last net under a link: opening a link never throws (openLink falls back and says why),
 * but should mounting fail all the same, the page says so in words instead of staying blank.
 */
function failed(error: unknown): void {
  console.error(error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent =
    "This page could not be shown from its link. Open the explorer without the link's settings: ";
  const link = document.createElement('a');
  link.href = location.pathname;
  link.textContent = 'MoE Explorer';
  message.append(link);
  showInstead(message);
}

/**
 * A part of the page that could not be downloaded (the network dropped, a deploy replaced the
 * chunk): the page says so and offers to try again, which runs `retry` where it left off.
 */
function failedLoading(error: unknown, retry: () => void): void {
  console.error(error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent =
    'Part of the explorer could not be downloaded. Check the connection, then try again. ';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Try again';
  button.addEventListener('click', () => {
    message.textContent = 'Loading…';
    message.setAttribute('role', 'status');
    retry();
  });
  message.append(button);
  showInstead(message);
}

/** Runs `step` in a task of its own (a timer), catching what it throws. */
function nextTask(step: () => void): void {
  setTimeout(() => {
    try {
      step();
    } catch (error) {
      failed(error);
    }
  });
}

/**
 * Runs `step` in a task of its own once the browser has drawn a frame, so that the layout of
 * what the last step added is a task of its own too; without a frame (a hidden tab), soon.
 */
function afterFrame(step: () => void): void {
  const frame = requestAnimationFrame(() => {
    clearTimeout(fallback);
    nextTask(step);
  });
  const fallback = setTimeout(() => {
    cancelAnimationFrame(frame);
    nextTask(step);
  }, 100);
}

/**
 * The serving chunk (share.ts `loadServing`), asked for at once: the built page preloads it
 * beside this file (vite.config.ts), so it is usually in by the time the page has mounted.
 */
const serving = loadServing();
serving.catch(() => {}); // reported where it is waited for

/**
 * Gives a previewed explorer its serving numbers once the chunk is in, read from the address
 * as it is then: a guided question, back or forward may have moved the page to another entry
 * meanwhile (url-sync.svelte.ts keeps the address's serving keys until then). If the chunk does
 * not come, the headline says so and offers to try again (App's `retryServing`).
 */
function follow(explorer: ExplorerState, chunk: Promise<void>): Promise<void> {
  explorer.servingStatus = 'loading';
  return chunk.then(
    () => completeLink(explorer, location.search),
    (error: unknown) => {
      console.error(error);
      explorer.servingStatus = 'failed';
      throw error;
    },
  );
}

/**
 * Mounts the page on an opened link, part after part (App's `unfold`), a frame apart. With
 * `completing` (a previewed link), the parts that need the serving model wait until it is in,
 * from this load or from a retry.
 */
function mountPage(link: ReturnType<typeof openLink>, completing: Promise<void> | null): void {
  let ready: () => void = () => {};
  const serving = completing && new Promise<void>((resolve) => (ready = resolve));
  completing?.then(ready, () => {});
  const retryServing = () => void follow(link.explorer, loadServing()).then(ready, () => {});
  performance.mark('moe:part header');
  mount(App, { target, props: { link, unfold: afterFrame, serving, retryServing } });
}

/**
 * Opens the link (its model resolved and counted) in one task, then mounts the page in the
 * next ones. Before the serving chunk is in, a link that only names a model (share.ts
 * `openPreview`) opens with its counts, its serving numbers loading; any other link waits for
 * the chunk.
 */
function start(): void {
  const presentation = readPresentation(new URLSearchParams(location.search));
  // The embed view is its own chunk: the page does not download it, nor the embed the page.
  if (presentation.embed) return startEmbed(presentation, serving);
  else {
    performance.mark('moe:open link');
    const query = location.search;
    rememberOpenedRun(query);
    if (servingLoaded()) {
      const link = openLink(query);
      return void nextTask(() => mountPage(link, null));
    }
    const preview = location.hash ? null : openPreview(query);
    if (preview) {
      const completing = follow(preview.explorer, serving);
      nextTask(() => mountPage(preview, completing));
    } else openWhenServing(query, serving);
  }
}

/** The embed view once its chunk and the serving chunk are in; on a failure, try again. */
function startEmbed(presentation: ReturnType<typeof readPresentation>, chunk: Promise<void>) {
  Promise.all([import('./embed/EmbedApp.svelte'), chunk]).then(
    ([{ default: EmbedApp }]) => {
      target.replaceChildren();
      mount(EmbedApp, { target, props: { presentation } });
    },
    (error: unknown) => failedLoading(error, () => startEmbed(presentation, loadServing())),
  );
}

/** A link that needs the serving model opens once it is in; on a failure, try again. */
function openWhenServing(query: string, chunk: Promise<void>): void {
  chunk.then(
    () =>
      nextTask(() => {
        target.replaceChildren();
        const link = openLink(query);
        nextTask(() => mountPage(link, null));
      }),
    (error: unknown) => failedLoading(error, () => openWhenServing(query, loadServing())),
  );
}

/** Starts once the link's presets, readers and devices are in; on a failure, try again. */
function startWhenReaders(loading: Promise<void>): void {
  loading.then(
    () => nextTask(start),
    (error: unknown) =>
      failedLoading(error, () =>
        startWhenReaders(linkReadersLoading(location.search) ?? Promise.resolve()),
      ),
  );
}

// Start-up is a series of short tasks, none of them long on a slow phone (issue 9): this
// module's evaluation, opening the link, then each part of the page.
const readers = linkReadersLoading(location.search);
if (readers === null) nextTask(start);
else startWhenReaders(readers);

import { mount } from 'svelte';
import App from './App.svelte';
import { readPresentation } from './lib/share/presentation.ts';
import { linkReadersLoading } from './lib/state/family-readers.ts';
import { openLink } from './lib/state/share.ts';
import './app.css';

const target = document.getElementById('app')!;

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
  target.replaceChildren(message);
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
 * Opens the link (its model resolved and counted) in one task, then mounts the page in the
 * next ones, part after part (App's `unfold`), a frame apart.
 */
function start(): void {
  const presentation = readPresentation(new URLSearchParams(location.search));
  // The embed view is its own chunk: the page does not download it, nor the embed the page.
  if (presentation.embed)
    import('./embed/EmbedApp.svelte')
      .then(({ default: EmbedApp }) => mount(EmbedApp, { target, props: { presentation } }))
      .catch(failed);
  else {
    performance.mark('moe:open link');
    const link = openLink(location.search);
    nextTask(() => {
      performance.mark('moe:part header');
      mount(App, { target, props: { link, unfold: afterFrame } });
    });
  }
}

// Start-up is a series of short tasks, none of them long on a slow phone (issue 9): this
// module's evaluation, opening the link, then each part of the page.
const readers = linkReadersLoading(location.search);
if (readers === null) nextTask(start);
else void readers.then(() => nextTask(start));

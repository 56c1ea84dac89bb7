import { mount } from 'svelte';
import App from './App.svelte';
import { readPresentation } from './lib/share/presentation.ts';
import { linkReadersLoading } from './lib/state/family-readers.ts';
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

function start(): void {
  const presentation = readPresentation(new URLSearchParams(location.search));
  // The embed view is its own chunk: the page does not download it, nor the embed the page.
  if (presentation.embed)
    import('./embed/EmbedApp.svelte')
      .then(({ default: EmbedApp }) => mount(EmbedApp, { target, props: { presentation } }))
      .catch(failed);
  else mount(App, { target });
}

/** Starts, once the link's model can be read (at once, unless its family loads on demand). */
function startWhenReadable(): void {
  try {
    start();
  } catch (error) {
    failed(error);
  }
}

// The page mounts in a task of its own, after this module's evaluation (compiling the bundle is
// one start-up task, building the page another): neither is then one long task (issue 9).
const readers = linkReadersLoading(location.search);
if (readers === null) setTimeout(startWhenReadable);
else void readers.then(startWhenReadable);

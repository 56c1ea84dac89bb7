import { mount } from 'svelte';
import App from './App.svelte';
import { readPresentation } from './lib/share/presentation.ts';
import './app.css';

const target = document.getElementById('app')!;
const presentation = readPresentation(new URLSearchParams(location.search));
// The embed view is its own chunk: the page does not download it, nor the embed the page.
if (presentation.embed)
  void import('./embed/EmbedApp.svelte').then(({ default: EmbedApp }) =>
    mount(EmbedApp, { target, props: { presentation } }),
  );
else mount(App, { target });

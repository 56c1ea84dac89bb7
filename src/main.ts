import { mount } from 'svelte';
import App from './App.svelte';
import EmbedApp from './embed/EmbedApp.svelte';
import { readPresentation } from './lib/share/presentation.ts';
import './app.css';

const target = document.getElementById('app')!;
const presentation = readPresentation(new URLSearchParams(location.search));
if (presentation.embed) mount(EmbedApp, { target, props: { presentation } });
else mount(App, { target });

/**
 * Component tests (a setup file of the components project, vite.config.ts): waitFor and findBy*
 * give up after 1 s by default, which a busy machine (two test runs side by side on 2 cores) can
 * exceed while a lazy import (mathjs) loads or a timer (the 250 ms address-bar update) fires
 * late. They return as soon as the condition holds, so a longer limit costs nothing otherwise.
 */
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 10_000 });

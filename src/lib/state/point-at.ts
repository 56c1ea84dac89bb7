/**
 * Points at an element of the page: scrolls it into view, moves focus there (so keyboard and
 * screen-reader users land on the answer too) and marks it briefly. Used by the guided
 * questions and by a link's #fragment. The element may be in a panel that is still loading:
 * it is looked for on each frame for up to `waitMs`; a panel's heading held in its place until
 * it mounts (App.svelte, inside `.pending`) is not it.
 */
export const POINTED_MS = 2500;

export function pointAt(id: string, waitMs = 3000): Promise<boolean> {
  const started = performance.now();
  return new Promise((resolve) => {
    const attempt = () => {
      const element = document.getElementById(id);
      if (element && !element.closest('.pending')) {
        mark(element);
        resolve(true);
      } else if (performance.now() - started < waitMs) requestAnimationFrame(attempt);
      else resolve(false);
    };
    attempt();
  });
}

function mark(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex') && element.tabIndex < 0) element.tabIndex = -1;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  element.classList.add('pointed');
  setTimeout(() => element.classList.remove('pointed'), POINTED_MS);
}

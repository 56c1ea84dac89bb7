/**
 * An attachment that calls back once, when its element comes within `margin` of the viewport:
 * the page mounts a panel (and downloads its code) only when a reader is about to see it, so
 * start-up does only the work of the first screen. Without IntersectionObserver (tests in
 * jsdom, old browsers) it calls back at once.
 */
export function whenNear(callback: () => void, margin = '300px') {
  return (node: Element) => {
    if (typeof IntersectionObserver !== 'function') {
      callback();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        callback();
      },
      { rootMargin: margin },
    );
    observer.observe(node);
    return () => observer.disconnect();
  };
}

/** Runs `callback` when the browser is idle (at the latest after `timeout` ms); setTimeout where there is no requestIdleCallback. */
export function idle(callback: () => void, timeout = 1000): number {
  return typeof requestIdleCallback === 'function'
    ? requestIdleCallback(callback, { timeout })
    : (setTimeout(callback, 50) as unknown as number);
}

export function cancelIdle(handle: number): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}

/**
 * Calls back when a reader may look past the screen: find in page opens (Ctrl+F, Cmd+F) or the
 * page is about to print. Returns the cleanup.
 */
export function onLookAhead(callback: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') callback();
  };
  addEventListener('keydown', onKey);
  addEventListener('beforeprint', callback);
  return () => {
    removeEventListener('keydown', onKey);
    removeEventListener('beforeprint', callback);
  };
}

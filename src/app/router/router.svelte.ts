/**
 * The current route, from `location.hash`, as a rune: the shell reads `router.route` and
 * links are plain `<a href="#/…">`, so the browser's Back and Forward buttons just work.
 */
import { formatRoute, parseRoute, type Route } from './route.ts';

export class HashRouter {
  route = $state.raw<Route>(parseRoute(location.hash));
  #listener = () => (this.route = parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', this.#listener);
  }

  /** Goes to a route (adds a history entry); `replace` rewrites the current entry instead. */
  go(route: Route, replace = false): void {
    const hash = formatRoute(route);
    if (replace) {
      history.replaceState(history.state, '', hash);
      this.route = parseRoute(hash);
    } else if (location.hash !== hash) location.hash = hash;
    else this.route = parseRoute(hash);
  }

  dispose(): void {
    window.removeEventListener('hashchange', this.#listener);
  }
}

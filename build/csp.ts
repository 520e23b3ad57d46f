/**
 * The Content-Security-Policy of the built pages: scripts only from the site itself (no inline
 * script, no eval), nothing fetched from anywhere else. Inline styles stay allowed: Svelte sets
 * style attributes, and a style cannot run code.
 *
 * The single file cannot load a script from "itself", so there its one inline script is allowed
 * by its SHA-256 hash: any other inline script, and eval, are still refused.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

function policy(scriptSource: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSource}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const meta = (content: string) =>
  `<meta http-equiv="Content-Security-Policy" content="${content}" />`;

/** Hosted build: the policy as a meta tag at the top of every page's head. */
export function hostedCsp(): Plugin {
  return {
    name: 'lab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace('<head>', `<head>\n    ${meta(policy("'self'"))}`),
    },
  };
}

/** Single file: runs after the inlining and allows exactly the inline scripts it finds. */
export function singleFileCsp(fileName: string): Plugin {
  return {
    name: 'lab-csp-single',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After vite-plugin-singlefile has put the scripts inline.
      order: 'post',
      handler(_options, bundle) {
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
          const html = String(asset.source);
          const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
            ([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
          );
          const source = hashes.length > 0 ? hashes.join(' ') : "'none'";
          asset.source = html.replace('<head>', `<head>\n    ${meta(policy(source))}`);
          if (asset.fileName === 'index.html') asset.fileName = fileName;
        }
      },
    },
  };
}

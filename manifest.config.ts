/**
 * Turns the one source manifest (manifest.json) into each build's manifest.
 *
 * - chrome: the store build, MV3 service worker, native side panel.
 * - firefox: the store build, MV3 event page (`background.scripts`) and a gecko id.
 * - *-dev: identical, plus host permission for localhost demo pages, which are enabled
 *   out of the box (the service worker registers the content script for every granted origin).
 */
import baseManifest from './manifest.json' with { type: 'json' };

export type BuildTarget = 'chrome' | 'chrome-dev' | 'firefox' | 'firefox-dev';
export const BUILD_TARGETS: BuildTarget[] = ['chrome', 'chrome-dev', 'firefox', 'firefox-dev'];

export const GECKO_ID = 'continuum@agent-assist';
export const DEV_ORIGINS = ['http://localhost/*', 'http://127.0.0.1/*'];

type Manifest = typeof baseManifest & Record<string, unknown>;

export function manifestFor(target: BuildTarget): Manifest {
  const manifest: Manifest = structuredClone(baseManifest);
  const isFirefox = target.startsWith('firefox');
  if (target.endsWith('-dev')) {
    manifest.host_permissions = DEV_ORIGINS;
    manifest.name = `${manifest.short_name} (dev)`;
  }
  if (isFirefox) {
    manifest.background = { scripts: ['src/background/index.ts'], type: 'module' } as never;
    manifest.browser_specific_settings = {
      // Customer data stays in the browser; nothing is transmitted unless a team hub is configured.
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    };
    // Firefox has no `use_dynamic_url`; its moz-extension origin is already random per install.
    manifest.web_accessible_resources = manifest.web_accessible_resources.map(
      ({ resources, matches }) => ({ resources, matches }),
    ) as never;
  } else {
    manifest.permissions = [...manifest.permissions, 'sidePanel'];
    manifest.side_panel = { default_path: 'src/sidebar/index.html' };
  }
  return manifest;
}

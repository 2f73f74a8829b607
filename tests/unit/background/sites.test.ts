import { describe, expect, test } from 'vitest';
import { enabledPatterns, isUrlEnabled, originPattern } from '../../../src/background/sites';
import { fake } from '../setup';

describe('sites', () => {
  test('a site is its scheme and host, any port', () => {
    expect(originPattern('https://acme.zendesk.com/agent/tickets/12?x=1')).toBe('https://acme.zendesk.com/*');
    expect(originPattern('http://localhost:4300/demo/')).toBe('http://localhost/*');
    expect(() => originPattern('file:///tmp/a.html')).toThrow(/http and https/);
    expect(() => originPattern('not a url')).toThrow(/Not a URL/);
  });

  test('enabled sites are exactly the granted host permissions', async () => {
    fake.grantOrigins(['https://acme.zendesk.com/*', 'http://localhost/*', 'https://*/*']);
    // A broad wildcard is never treated as one site.
    expect(await enabledPatterns()).toEqual(['http://localhost/*', 'https://acme.zendesk.com/*']);
    const patterns = await enabledPatterns();
    expect(isUrlEnabled('https://acme.zendesk.com/agent/tickets/1', patterns)).toBe(true);
    expect(isUrlEnabled('https://evil.zendesk.com/', patterns)).toBe(false);
    expect(isUrlEnabled('http://acme.zendesk.com/', patterns)).toBe(false);
    expect(isUrlEnabled('http://localhost:4300/demo/', patterns)).toBe(true);
  });
});

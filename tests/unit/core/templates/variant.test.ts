import { describe, expect, it } from 'vitest';
import { pickVariant } from '../../../../src/core/templates/variant';
import { template } from '../brand/support';

const t = template({
  variants: [
    { language: 'fr', channel: 'email', body: 'fr email' },
    { language: 'fr', body: 'fr default' },
    { language: 'en', channel: 'x', body: 'en x' },
    { language: 'en', channel: 'email', body: 'en email' },
  ],
});

describe('pickVariant', () => {
  it.each([
    ['fr', 'email', 'fr email', 'exact'],
    ['fr', 'x', 'fr default', 'default-channel'],
    ['en', 'x', 'en x', 'exact'],
    ['en', 'chat', 'en x', 'other-channel'],
  ] as const)('%s on %s → %j (%s)', (language, channel, body, fallback) => {
    expect(pickVariant(t, language, channel)).toMatchObject({ variant: { body }, fallback });
  });

  it('prefers the same language on another channel to the other language', () => {
    const only = template({ variants: [{ language: 'en', channel: 'x', body: 'en x' }, { language: 'fr', channel: 'email', body: 'fr email' }] });
    expect(pickVariant(only, 'fr', 'x')).toMatchObject({ variant: { body: 'fr email' }, fallback: 'other-channel' });
  });

  it('falls back to the other language, its channel, then its default', () => {
    const en = template({ variants: [{ language: 'en', channel: 'email', body: 'en email' }, { language: 'en', body: 'en default' }] });
    expect(pickVariant(en, 'fr', 'email')).toMatchObject({ variant: { body: 'en email' }, fallback: 'other-language' });
    expect(pickVariant(en, 'fr', 'sms')).toMatchObject({ variant: { body: 'en default' }, fallback: 'other-language' });
  });
});

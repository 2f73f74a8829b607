import { describe, expect, it } from 'vitest';
import { isStableClass, isStableId, isStableValue, looksRandom } from '../../../src/adapters/custom/teach-names';

describe('teach mode: which names are worth anchoring on', () => {
  it('rejects class names that build tools generate', () => {
    for (const generated of ['css-1x9k2pq', 'css-abc123-Button', 'sc-bdVaJa', 'kQWpJc', 'gHfRtb', 'eCrYMa', 'jss123', 'makeStyles-root-12', 'svelte-1abc2de', 'Header_title__3xYz1', '_3xYz1', 'a1b2c3']) {
      expect(isStableClass(generated), generated).toBe(false);
    }
  });

  it('rejects Tailwind and Bootstrap utilities, which say how an element looks', () => {
    for (const utility of ['flex', 'px-4', 'mt-2', 'text-sm', 'font-bold', 'w-1/2', 'md:flex', 'hover:bg-blue-500', 'grid-cols-2', 'space-y-2', 'd-flex', 'mb-3', 'w-[12px]', 'text-gray-500', 'bg-gray-100', 'whitespace-pre-wrap', 'justify-start']) {
      expect(isStableClass(utility), utility).toBe(false);
    }
  });

  it('keeps meaningful class names, BEM and component names included', () => {
    for (const stable of ['customer-name', 'ticket__requester', 'MuiButton-root', 'message--agent', 'isOpen', 'myButton', 'h2-title', 'reply-box']) {
      expect(isStableClass(stable), stable).toBe(true);
    }
  });

  it('tells ids given on purpose from counters, UUIDs and record ids', () => {
    expect(isStableId('customer-card')).toBe(true);
    expect(isStableId('app-main')).toBe(true);
    for (const generated of ['ember412', ':r3:', 'react-select-2-input', 'customer-4821', 'mui-12345', '3f2a9c1e-7b4d-4e8b-9a51-c0ffee5eed01', 'x1']) {
      expect(isStableId(generated), generated).toBe(false);
    }
  });

  it('never anchors on a value that is the customer’s data', () => {
    expect(isStableValue('customer-email')).toBe(true);
    expect(isStableValue('jeanne@free.fr')).toBe(false);
    expect(isStableValue('4821')).toBe(false);
    expect(isStableValue('Jeanne Moreau', 'Jeanne Moreau')).toBe(false);
    expect(looksRandom('primary')).toBe(false);
  });
});

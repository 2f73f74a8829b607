import { afterEach, describe, expect, test, vi } from 'vitest';
import { handleCommand, TOGGLE_SIDEBAR } from '../../../src/background/commands';
import { updateSettings } from '../../../src/shared/settings';
import { fake } from '../setup';

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as { chrome?: { sidePanel?: unknown } }).chrome!.sidePanel;
});

describe('keyboard toggle', () => {
  test('toggles the docked sidebar in the active tab, top frame only', async () => {
    vi.spyOn(fake.tabs, 'query').mockResolvedValue([{ id: 12 }]);
    const send = vi.spyOn(fake.tabs, 'sendMessage').mockResolvedValue({ ok: true });
    await handleCommand(TOGGLE_SIDEBAR);
    expect(send).toHaveBeenCalledWith(12, { type: 'toggle' }, { frameId: 0 });
  });

  test('opens the native side panel instead when the agent chose it', async () => {
    await updateSettings({ sidebarMode: 'panel' });
    vi.spyOn(fake.tabs, 'query').mockResolvedValue([{ id: 12 }]);
    const send = vi.spyOn(fake.tabs, 'sendMessage');
    const open = vi.fn(async () => undefined);
    (globalThis as { chrome?: { sidePanel?: unknown } }).chrome!.sidePanel = { open };
    await handleCommand(TOGGLE_SIDEBAR);
    expect(open).toHaveBeenCalledWith({ tabId: 12 });
    expect(send).not.toHaveBeenCalled();
  });

  test('a tab without Continuum and other commands are ignored quietly', async () => {
    vi.spyOn(fake.tabs, 'query').mockResolvedValue([{ id: 3 }]);
    const send = vi.spyOn(fake.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist'));
    await expect(handleCommand(TOGGLE_SIDEBAR)).resolves.toBeUndefined();
    await handleCommand('something-else');
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('keyboard toggle with the mode already known', () => {
  test('opens the side panel for the shortcut tab without waiting for storage', async () => {
    const { rememberSidebarMode } = await import('../../../src/background/commands');
    await updateSettings({ sidebarMode: 'panel' });
    rememberSidebarMode();
    await vi.waitFor(async () => {
      const open = vi.fn(async () => undefined);
      (globalThis as { chrome?: { sidePanel?: unknown } }).chrome!.sidePanel = { open };
      const query = vi.spyOn(fake.tabs, 'query');
      await handleCommand(TOGGLE_SIDEBAR, { id: 44 });
      expect(open).toHaveBeenCalledWith({ tabId: 44 });
      expect(query).not.toHaveBeenCalled();
    });
  });
});

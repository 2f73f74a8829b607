import { describe, expect, test } from 'vitest';
import { browser } from '../../../src/shared/platform';
import {
  consumeFrameToken,
  forgetTab,
  issueFrameToken,
  openSidebarSession,
  setTabState,
  sidebarSession,
  tabState,
} from '../../../src/background/session-store';

describe('frame tokens', () => {
  test('work once, for their own tab', async () => {
    const token = await issueFrameToken(5);
    expect(await consumeFrameToken(token, 6)).toBe(false);
    // A wrong-tab attempt burns the token too: a leaked token cannot be retried.
    expect(await consumeFrameToken(token, 5)).toBe(false);
    const fresh = await issueFrameToken(5);
    expect(await consumeFrameToken(fresh, 5)).toBe(true);
    expect(await consumeFrameToken(fresh, 5)).toBe(false);
  });

  test('expire after a minute', async () => {
    const token = await issueFrameToken(5, 1_000);
    expect(await consumeFrameToken(token, 5, 1_000 + 61_000)).toBe(false);
  });

  test('are long and random', async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => issueFrameToken(1)));
    expect(new Set(tokens).size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('tab state', () => {
  test('closing a tab forgets its state, sessions and tokens, and nothing else', async () => {
    await setTabState(3, { site: 'https://a.example', pageUrl: 'https://a.example/x', status: 'detected', conversationKey: 'k' });
    await setTabState(4, { site: 'https://b.example', pageUrl: 'https://b.example/y', status: 'none' });
    const session = await openSidebarSession({ tabId: 3, frameId: 2 });
    const other = await openSidebarSession({ tabId: 4, frameId: 2 });
    const token = await issueFrameToken(3);
    await forgetTab(3);
    expect(await tabState(3)).toBeUndefined();
    expect(await sidebarSession(session)).toBeUndefined();
    expect(await consumeFrameToken(token, 3)).toBe(false);
    expect(await tabState(4)).toMatchObject({ status: 'none' });
    expect(await sidebarSession(other)).toEqual({ tabId: 4, frameId: 2 });
  });
});

describe('tab state mirror', () => {
  test('a state set is read back at once, and storage emptied from elsewhere is read again', async () => {
    const state = { site: 'https://a.example', pageUrl: 'https://a.example/x', status: 'detected' as const, conversationKey: 'k1' };
    await setTabState(8, state);
    expect(await tabState(8)).toEqual(state);
    await setTabState(8, { ...state, conversationKey: 'k2' });
    expect((await tabState(8))?.conversationKey).toBe('k2');
    // What the worker holds for the tab is what storage holds (a restarted worker reads it there).
    expect((await browser.storage.session.get('tab:8'))['tab:8']).toMatchObject({ conversationKey: 'k2' });
    await browser.storage.session.clear();
    expect(await tabState(8)).toBeUndefined();
  });
});

/**
 * An in-memory stand-in for the extension APIs, for unit tests of logic that stores settings or
 * checks permissions. Real browsers run the real APIs in tests/e2e.
 */
type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

function storageArea(name: string, listeners: Set<Listener>) {
  let data: Record<string, unknown> = {};
  const clone = <T>(value: T): T => structuredClone(value);
  return {
    async get(keys?: string | string[] | null) {
      if (keys === null || keys === undefined) return clone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((key) => key in data).map((key) => [key, clone(data[key])]));
    },
    async set(items: Record<string, unknown>) {
      const changes = Object.fromEntries(Object.entries(items).map(([key, value]) => [key, { oldValue: data[key], newValue: clone(value) }]));
      data = { ...data, ...clone(items) };
      listeners.forEach((listener) => listener(changes, name));
    },
    async remove(keys: string | string[]) {
      const gone = (Array.isArray(keys) ? keys : [keys]).filter((key) => key in data);
      const changes = Object.fromEntries(gone.map((key) => [key, { oldValue: data[key] }]));
      for (const key of gone) delete data[key];
      // As in browsers: removals and clears are announced too, with the old values.
      if (gone.length) listeners.forEach((listener) => listener(changes, name));
    },
    async clear() {
      await this.remove(Object.keys(data));
    },
  };
}

export function createFakeBrowser() {
  const listeners = new Set<Listener>();
  let origins: string[] = [];
  return {
    runtime: { id: 'continuum-test-id', getURL: (path: string) => `chrome-extension://continuum-test-id/${path}` },
    storage: {
      local: storageArea('local', listeners),
      session: storageArea('session', listeners),
      onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
    },
    permissions: {
      getAll: async () => ({ origins: [...origins], permissions: [] }),
      remove: async ({ origins: removed = [] }: { origins?: string[] }) => {
        origins = origins.filter((origin) => !removed.includes(origin));
        return true;
      },
    },
    tabs: {
      query: async (_query: unknown): Promise<{ id: number }[]> => [],
      sendMessage: async (_tabId: number, _message: unknown, _options?: unknown): Promise<unknown> => undefined,
    },
    /** Test helper: which host permissions are granted. */
    grantOrigins(next: string[]) {
      origins = [...next];
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

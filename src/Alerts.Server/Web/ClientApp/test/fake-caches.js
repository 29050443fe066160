// Test support shared by the push tests: no tests of its own.

/** Cache Storage as the browser keeps it: named caches of request URL → Response. */
export function fakeCaches() {
  const caches = new Map();
  return {
    async open(name) {
      if (!caches.has(name)) {
        caches.set(name, new Map());
      }
      const cache = caches.get(name);
      return {
        async put(url, response) { cache.set(url, await response.text()); },
        async match(url) { return cache.has(url) ? new Response(cache.get(url)) : undefined; },
      };
    },
  };
}

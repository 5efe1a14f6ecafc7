import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… and waitFor give up after 5 s instead of 1 s: the lazy-loaded staff
// pages take longer than a second to import on a busy two-core machine, and a
// passing wait returns as soon as its element is there.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

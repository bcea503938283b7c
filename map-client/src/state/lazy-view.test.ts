import { describe, expect, it } from 'vitest';
import { LazyView } from './lazy-view';
import type { AppView } from './view-context';
import { initialState } from './view-state';

function recordingView(calls: string[]): AppView {
  return {
    prefetch: () => void calls.push('prefetch'),
    show: async () => void calls.push('show'),
    hide: () => void calls.push('hide'),
  };
}

describe('LazyView', () => {
  const state = initialState('', 'analyst');

  it('loads its view once, on first need, and passes each call on to it', async () => {
    const calls: string[] = [];
    let loads = 0;
    const lazy = new LazyView(async () => {
      loads++;
      return recordingView(calls);
    });
    lazy.hide();
    expect(loads).toBe(0);
    await lazy.show(state, new AbortController().signal);
    await lazy.show(state, new AbortController().signal);
    lazy.hide();
    expect(loads).toBe(1);
    expect(calls).toEqual(['show', 'show', 'hide']);
  });

  it('does not show a state that was left while its code loaded', async () => {
    const calls: string[] = [];
    let release: (view: AppView) => void = () => undefined;
    const lazy = new LazyView(() => new Promise<AppView>((resolve) => (release = resolve)));
    const leaving = new AbortController();
    const showing = lazy.show(state, leaving.signal);
    leaving.abort();
    release(recordingView(calls));
    await showing;
    expect(calls).toEqual([]);
    await lazy.show(state, new AbortController().signal);
    expect(calls).toEqual(['show']);
  });

  it('tries a failed load again the next time it is wanted', async () => {
    const calls: string[] = [];
    let loads = 0;
    const lazy = new LazyView(async () => {
      loads++;
      if (loads === 1) throw new Error('offline');
      return recordingView(calls);
    });
    await expect(lazy.show(state, new AbortController().signal)).rejects.toThrow('offline');
    await lazy.show(state, new AbortController().signal);
    expect(loads).toBe(2);
    expect(calls).toEqual(['show']);
  });
});

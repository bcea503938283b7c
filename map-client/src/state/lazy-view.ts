import type { AppView } from './view-context';
import type { ViewState } from './view-state';

/**
 * A view whose code is loaded the first time it is wanted, so that a library only it uses (the network chart's is a
 * third of the client) is not in the script every first render waits for. A load that fails is tried again next time.
 */
export class LazyView implements AppView {
  private loading: Promise<AppView> | null = null;
  private loaded: AppView | null = null;

  constructor(private readonly load: () => Promise<AppView>) {}

  prefetch(state: ViewState): void {
    void this.view()
      .then((view) => view.prefetch?.(state))
      .catch(() => undefined);
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const view = await this.view();
    // Another state was asked for while the code loaded: that render shows it.
    if (signal.aborted) return;
    await view.show(state, signal);
  }

  hide(): void {
    this.loaded?.hide();
  }

  private view(): Promise<AppView> {
    this.loading ??= this.load().then(
      (view) => (this.loaded = view),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}

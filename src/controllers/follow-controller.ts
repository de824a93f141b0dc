import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';

/**
 * Keeps a scrolling log at its end while new content arrives, until the user scrolls up.
 * Resize observations are delivered after layout and before paint, so the scroll write reads
 * a clean layout and forces none, and new text is painted already scrolled into view. The
 * observer sees every change of size: streamed text rendered in a frame of its own, late
 * images, a resized panel.
 */
export class FollowController implements ReactiveController {
  /** Whether the view follows new content (false once the user scrolled up). */
  following = true;
  readonly #observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.#scrollToEnd()) : undefined;
  /** The content element observed (the host may recreate it). */
  #observed: Element | undefined;
  /** Where the last automatic scroll left `scrollTop`: a scroll above it is the user's. */
  #autoScrollTop = 0;
  #jump = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The scrolling element and the content inside it. */
    private readonly elements: () => {scroller: HTMLElement | null | undefined; content: Element | null | undefined},
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const {scroller, content} = this.elements();
    if (this.#observer && scroller && content && content !== this.#observed) {
      this.#observer.disconnect();
      this.#observer.observe(content);
      this.#observer.observe(scroller);
      this.#observed = content;
    }
    // "Jump to latest" (the observer only acts on a change of size).
    if (this.#jump) {
      this.#jump = false;
      this.#scrollToEnd();
    }
  }

  /** Follows again and goes to the end (the user sent a message, or chose "Jump to latest"). */
  jump(): void {
    this.following = true;
    this.#jump = true;
    this.host.requestUpdate();
  }

  /** Stops following: the visitor opened more where they are reading (it grows below the view, which stays). */
  stop(): void {
    if (this.following) this.#set(false);
  }

  /**
   * The scroller's `scroll` listener. Back at the bottom: follow again. Scrolled up from where
   * following left it: stop following (content growing below the view does not move
   * `scrollTop`, so it never counts as the user's).
   */
  onScroll = (e: Event): void => {
    const el = e.currentTarget as HTMLElement;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 32) {
      if (!this.following) this.#set(true);
    } else if (this.following && el.scrollTop < this.#autoScrollTop - 1) {
      this.#set(false);
    }
  };

  #set(following: boolean): void {
    this.following = following;
    this.host.requestUpdate();
  }

  #scrollToEnd(): void {
    const el = this.elements().scroller;
    if (!this.following || !el) return;
    const end = el.scrollHeight - el.clientHeight;
    if (el.scrollTop < end) el.scrollTop = end;
    this.#autoScrollTop = el.scrollTop;
  }
}

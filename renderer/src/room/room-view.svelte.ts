// What the room screen shows: layout, page, open panels, who is on the stage and on the current
// page; and, following from that, which cameras the session subscribes (only those on screen).
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { orderTiles, paginate } from './layout.js';
import type { ParticipantState } from './participant-state.svelte.js';

export type Layout = 'grid' | 'speaker';

/** What the view needs of the session (kept narrow so the view is tested on its own). */
export interface ViewSource {
  readonly participants: readonly ParticipantState[];
  readonly screenShare: ParticipantState | null;
  applySubscriptions(visible: ReadonlySet<string>): void;
}

export class RoomViewState {
  // Deriveds below use $derived.by: their closures read `source` lazily, after the constructor.
  readonly source: ViewSource;
  layout = $state<Layout>('grid');
  page = $state(0);
  perPage = $state(9);
  participantsOpen = $state(false);
  /** When someone began speaking while off screen, which moved them onto the first page. */
  readonly #promotedAt = new SvelteMap<string, number>();
  readonly #dispose: () => void;

  ordered = $derived.by(() => orderTiles(this.source.participants, this.#promotedAt));
  /** A screen share always takes the stage, whatever layout was chosen. */
  effectiveLayout = $derived.by((): Layout => (this.source.screenShare ? 'speaker' : this.layout));
  /** The speaker on the stage in speaker layout: whoever spoke last other than you. */
  stageSpeaker = $derived.by((): ParticipantState | undefined => {
    if (this.effectiveLayout !== 'speaker' || this.source.screenShare) return undefined;
    let stage: ParticipantState | undefined;
    for (const p of this.ordered) {
      if (p.isLocal) continue;
      if (!stage || p.lastSpokeAt > stage.lastSpokeAt) stage = p;
    }
    return stage ?? this.ordered[0];
  });
  pageView = $derived(
    paginate(
      this.stageSpeaker ? this.ordered.filter((p) => p !== this.stageSpeaker) : this.ordered,
      this.page,
      this.perPage,
    ),
  );
  /** Identities with a tile on screen, as one string so that equal sets compare equal. */
  #visibleKey = $derived(
    [
      ...this.pageView.items.map((p) => p.identity),
      ...(this.stageSpeaker ? [this.stageSpeaker.identity] : []),
    ]
      .sort()
      .join('\n'),
  );
  /** Remote people speaking now, as one string (changes only when the set of speakers does). */
  #speakingKey = $derived.by(() =>
    this.source.participants
      .filter((p) => p.isSpeaking && !p.isLocal)
      .map((p) => p.identity)
      .join('\n'),
  );
  raisedHands = $derived.by(() => this.source.participants.filter((p) => p.handRaised).length);

  constructor(source: ViewSource) {
    this.source = source;
    this.#dispose = $effect.root(() => {
      $effect(() => {
        const visible = identities(this.#visibleKey);
        untrack(() => this.source.applySubscriptions(visible));
      });
      $effect(() => {
        const speaking = this.#speakingKey.split('\n').filter(Boolean);
        untrack(() => this.#promoteHidden(speaking));
      });
    });
  }

  get visible(): ReadonlySet<string> {
    return identities(this.#visibleKey);
  }

  /** Tells the view how many tiles fit and which page to show. */
  setViewport(perPage: number, page = this.page): void {
    this.perPage = Math.max(1, perPage);
    this.page = page;
  }

  #promoteHidden(speaking: string[]): void {
    const visible = this.visible;
    const now = Date.now();
    for (const identity of speaking) if (!visible.has(identity)) this.#promotedAt.set(identity, now);
  }

  forget(identity: string): void {
    this.#promotedAt.delete(identity);
  }

  dispose(): void {
    this.#dispose();
  }
}

/** The set of identities in a key built above: a throwaway value per call, not state. */
function identities(key: string): ReadonlySet<string> {
  return new Set(key.split('\n').filter(Boolean));
}

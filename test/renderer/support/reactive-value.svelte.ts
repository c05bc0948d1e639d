// One reactive value a test can set, for units that follow state they are handed as a getter
// (as RoomView hands HostControls the session's liveSettings).
export class ReactiveValue<T> {
  current = $state.raw<T>() as T;

  constructor(initial: T) {
    this.current = initial;
  }
}

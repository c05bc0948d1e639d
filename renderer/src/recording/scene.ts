// What the recording shows, as plain values: the same choice the room view makes (a screen
// share or a speaker on the stage with the others in a strip, or the grid page), taken from the
// room session so the recording matches what the user sees.
import type { PaintTile } from './scene-painter.js';

export interface SceneTile extends PaintTile {
  /** The camera or screen picture, when there is one to draw. */
  track: MediaStreamTrack | undefined;
}

export interface Scene {
  stage: SceneTile | undefined;
  tiles: SceneTile[];
}

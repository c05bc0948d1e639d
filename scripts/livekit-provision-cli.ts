// `npm run livekit:provision`: make sure the pinned livekit-server exists and print where it is.
import { ensureLivekitServer } from './livekit-binary.js';

try {
  const path = await ensureLivekitServer();
  console.log(`livekit-server: ${path}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// Entry: picks the Platform (desktop bridge or web), starts the app state and mounts the UI.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppState } from './lib/app-state.svelte.js';
import { choosePlatform } from './platform/index.js';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const app = new AppState(choosePlatform());
mount(App, { target, props: { app } });
void app.start().catch((err: unknown) => {
  console.error('Convene could not start', err);
  app.go({ name: 'left', message: 'Convene could not reach its server. Reload to try again.', target: null });
});

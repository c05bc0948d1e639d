// Entry of the desktop's ring window (ring.html): a small always-on-top window main shows while
// a call rings, even with the app window closed. It lists what rings and asks main to answer or
// decline; it holds no session of its own (main answers through its backend client).
import { mount } from 'svelte';
import '../app.css';
import { choosePlatform } from '../platform/index.js';
import RingWindow from './RingWindow.svelte';
import { RingList } from './ring-list.svelte.js';

const target = document.getElementById('ring');
if (!target) throw new Error('#ring is missing from ring.html');
const list = new RingList(choosePlatform());
mount(RingWindow, { target, props: { list } });
list.start();

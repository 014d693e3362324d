import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api';
import { Session } from './lib/session.svelte';
import './app.css';

const session = new Session(createApi());
void session.init();

// Desktop app: File › Export Report (Ctrl/Cmd+E) exports the current clustering.
window.factorlens?.onMenu?.((command) => {
  if (command === 'export' && session.clustering) {
    session.step = 'export';
    void session.runExport();
  }
});

export default mount(App, { target: document.getElementById('app')!, props: { session } });

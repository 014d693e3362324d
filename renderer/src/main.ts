import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api';
import { Session } from './lib/session.svelte';
import './app.css';

const session = new Session(createApi());
void session.init();

export default mount(App, { target: document.getElementById('app')!, props: { session } });

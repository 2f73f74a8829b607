// First: zod's no-eval setting must precede every schema (see zod-jitless.ts).
import '../shared/zod-jitless';
import { mount } from 'svelte';
import '../ui/theme.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });

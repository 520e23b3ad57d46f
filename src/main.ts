import { mount } from 'svelte';
import Shell from './app/Shell.svelte';
import './app/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount the app into.');

// `?notes`: this window is the speaker notes of the Lab that opened it (loaded on demand).
if (new URLSearchParams(location.search).has('notes')) {
  document.title = 'Speaker notes · Lambda·Kappa Lab';
  void import('./app/presenter/SpeakerNotes.svelte').then(({ default: SpeakerNotes }) =>
    mount(SpeakerNotes, { target }),
  );
} else {
  mount(Shell, { target });
}

// Boot only: build the app model, render, start.
import { render } from 'preact';
import { App } from './app/App';
import { createAppModel } from './app/app-model';
import { language, loadLanguage } from './i18n/i18n';
import './app/styles.css';

document.documentElement.lang = language.value;
const model = createAppModel();
// Russian is in the first chunk; another language the user chose is loaded before the first render.
void loadLanguage(language.value)
  .catch((error: unknown) => console.error('language failed to load', error))
  .then(() => render(<App model={model} />, document.getElementById('app') as HTMLElement));
void model.start();

// Boot only: build the app model, render, start.
import { render } from 'preact';
import { App } from './app/App';
import { createAppModel } from './app/app-model';
import { language } from './i18n/i18n';
import './app/styles.css';

document.documentElement.lang = language.value;
const model = createAppModel();
render(<App model={model} />, document.getElementById('app') as HTMLElement);
void model.start();
